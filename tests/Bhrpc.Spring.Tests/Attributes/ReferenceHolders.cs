using Bhrpc.Attributes;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>A base class with a private marked field, to check that injection walks base types.</summary>
public class GreeterHolderBase
{
    [RpcReference(Version = "9.9.9")]
    private IGreeter? _inherited = null;

    public IGreeter? Inherited => _inherited;
}

/// <summary>Marked members of every kind the injector must set.</summary>
public sealed class GreeterHolder : GreeterHolderBase
{
    [RpcReference]
    private readonly IGreeter _readonlyField = null!;

    [RpcReference]
    private IGreeter? _privateField = null;

    public IGreeter? Unmarked { get; set; }

    public IGreeter ReadonlyField => _readonlyField;

    public IGreeter? PrivateField => _privateField;

    public IGreeter? PrivatePropertyValue => PrivateProperty;

    [RpcReference(Group = "other")]
    private IGreeter? PrivateProperty { get; set; }
}

/// <summary>A marked member whose type is a class.</summary>
public sealed class ClassTypedHolder
{
    [RpcReference]
    private Greeter? _notAnInterface = null;

    public Greeter? Value => _notAnInterface;
}

/// <summary>A marked property without a setter.</summary>
public sealed class GetterOnlyHolder
{
    [RpcReference]
    public IGreeter? Greeter => null;
}
