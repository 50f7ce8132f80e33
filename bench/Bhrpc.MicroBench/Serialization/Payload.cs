namespace Bhrpc.MicroBench.Serialization;

/// <summary>What a benchmarked call carries.</summary>
public enum Payload
{
    /// <summary><c>Echo(string)</c> with a 16-character string, returning it.</summary>
    Echo,

    /// <summary><c>Submit(Order)</c> with a 10-field object holding 5 lines, returning it.</summary>
    Order,
}
