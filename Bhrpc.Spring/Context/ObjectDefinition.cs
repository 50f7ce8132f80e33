namespace Bhrpc.Spring.Context;

/// <summary>How the context creates one object: a type (with optional static factory-method) or a factory delegate.</summary>
public sealed class ObjectDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="id">The unique id.</param>
    public ObjectDefinition(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The unique id.</summary>
    public string Id { get; }

    /// <summary>The type to construct, or the type declaring <see cref="FactoryMethod"/>, or a hint of what <see cref="Factory"/> returns.</summary>
    public Type? ObjectType { get; set; }

    /// <summary>Creates the object instead of a constructor; properties and init-method still apply. Default null.</summary>
    public Func<IObjectResolver, object>? Factory { get; set; }

    /// <summary>Name of a public static method on <see cref="ObjectType"/> that creates the object. Default null.</summary>
    public string? FactoryMethod { get; set; }

    /// <summary>True (the default) for one shared instance; false for a new instance per request.</summary>
    public bool IsSingleton { get; set; } = true;

    /// <summary>When true a singleton is created on first request rather than at refresh. Default false.</summary>
    public bool IsLazyInit { get; set; }

    /// <summary>Parameterless instance method called after properties are set. Default null.</summary>
    public string? InitMethod { get; set; }

    /// <summary>Parameterless instance method called when the context is disposed (singletons only). Default null.</summary>
    public string? DestroyMethod { get; set; }

    /// <summary>Ids of objects that must be created before this one.</summary>
    public IList<string> DependsOn { get; } = [];

    /// <summary>Property values set after construction.</summary>
    public IList<PropertyValue> Properties { get; } = [];

    /// <summary>Constructor or factory-method arguments.</summary>
    public IList<ConstructorArgument> ConstructorArguments { get; } = [];

    /// <summary>Where the definition was written, for error messages.</summary>
    public SourceLocation? Location { get; set; }
}
