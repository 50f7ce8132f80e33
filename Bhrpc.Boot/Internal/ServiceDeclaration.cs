namespace Bhrpc.Boot.Internal;

/// <summary>A service declared in code (<c>AddService</c>, <c>ScanAssemblies</c>): how to get the implementation and its options.</summary>
internal sealed record ServiceDeclaration(Type Contract, Func<IServiceProvider, object> Implementation, Func<object, ServiceOptions> ToOptions);
