using Autofac;
using Autofac.Core.Resolving.Pipeline;
using Bhrpc.Injection;

namespace Bhrpc.Boot.Internal;

/// <summary>After a new instance is activated, sets its <c>[RpcReference]</c> members; others cost one cached type lookup.</summary>
internal sealed class ReferenceInjectionMiddleware : IResolveMiddleware
{
    public static readonly ReferenceInjectionMiddleware Instance = new();

    private ReferenceInjectionMiddleware()
    {
    }

    public PipelinePhase Phase => PipelinePhase.Activation;

    public void Execute(ResolveRequestContext context, Action<ResolveRequestContext> next)
    {
        next(context);
        if (context.NewInstanceActivated && context.Instance is { } instance && ReferenceInjector.HasReferences(instance.GetType()))
        {
            if (!context.TryResolve<BhrpcRuntime>(out var runtime))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{instance.GetType().FullName} has [RpcReference] members but bhrpc is not added; call services.AddBhrpc(configuration) as well as AddBhrpcInjection().");
            }

            runtime.Injector.Inject(instance);
        }
    }

    public override string ToString() => "bhrpc [RpcReference] injection";
}
