using Bhrpc.Metadata;

namespace Bhrpc.Tests.Serialization.Hessian;

/// <summary>The .NET side of java/interop/Person.java.</summary>
[PortableName("interop.Person")]
public sealed class InteropPerson
{
    public string? Name { get; set; }

    public int Age { get; set; }

    public InteropPerson? Friend { get; set; }

    public override bool Equals(object? obj) =>
        obj is InteropPerson p && p.Name == Name && p.Age == Age && Equals(p.Friend, Friend);

    public override int GetHashCode() => HashCode.Combine(Name, Age);

    public override string ToString() => $"Person({Name},{Age},{(ReferenceEquals(Friend, this) ? "self" : Friend?.ToString())})";
}

/// <summary>The .NET side of java/interop/Color.java.</summary>
[PortableName("interop.Color")]
public enum InteropColor
{
    RED,
    GREEN,
    BLUE,
}

/// <summary>The .NET side of java/interop/Event.java.</summary>
[PortableName("interop.Event")]
public sealed class InteropEvent
{
    public string? Name { get; set; }

    public DateTime When { get; set; }
}

/// <summary>The .NET side of java/interop/ByteFields.java: both properties are .NET bytes.</summary>
[PortableName("interop.ByteFields")]
public sealed class InteropByteFields
{
    public byte Small { get; set; }

    public byte Wide { get; set; }
}
