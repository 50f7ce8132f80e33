namespace Bhrpc.Boot.Tests;

/// <summary>A second exported contract, so a test can show a filter list that applies to one service and not another.</summary>
public interface IEcho
{
    string Echo(string text);
}

/// <summary>Returns its argument.</summary>
public sealed class Echo : IEcho
{
    string IEcho.Echo(string text) => text;
}
