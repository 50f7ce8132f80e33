using Autofac;
using Autofac.Core.Resolving.Pipeline;
using Bhrpc.Injection;

namespace Bhrpc.Spring.Autofac;

/// <summary>
/// Added to every component's pipeline by <see cref="BhrpcModule"/>: after a new instance is activated,
/// sets its <c>[RpcReference]</c> fields and properties. Instances without such members cost one cached
/// type lookup.
/// </summary>
internal sealed class ReferenceInjectionMiddleware : IResolveMiddleware
{
    /// <summary>The one instance; the middleware has no state.</summary>
    public static readonly ReferenceInjectionMiddleware Instance = new();

    private ReferenceInjectionMiddleware()
    {
    }

    /// <inheritdoc />
    public PipelinePhase Phase => PipelinePhase.Activation;

    /// <inheritdoc />
    public void Execute(ResolveRequestContext context, Action<ResolveRequestContext> next)
    {
        next(context);
        if (context.NewInstanceActivated && context.Instance is { } instance && ReferenceInjector.HasReferences(instance.GetType()))
        {
            context.Resolve<BhrpcRuntime>().Injector.Inject(instance);
        }
    }

    /// <inheritdoc />
    public override string ToString() => "bhrpc [RpcReference] injection";
}
