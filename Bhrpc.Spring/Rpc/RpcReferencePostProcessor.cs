using Bhrpc.Spring.Context;
using Bhrpc.Injection;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// Registered once by <c>&lt;rpc:annotation-driven&gt;</c>: sets the <c>[RpcReference]</c> fields and properties of every
/// object the context creates, with the context's <c>&lt;rpc:consumer&gt;</c> defaults.
/// </summary>
internal sealed class RpcReferencePostProcessor(ReferenceInjector injector) : IObjectPostProcessor
{
    public object PostProcessBeforeInitialization(object instance, string id)
    {
        if (ReferenceInjector.HasReferences(instance.GetType()))
        {
            try
            {
                injector.Inject(instance);
            }
            catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
            {
                throw new ObjectDefinitionException($"Object '{id}': {e.Message}", null, e);
            }
        }

        return instance;
    }

    public object PostProcessAfterInitialization(object instance, string id) => instance;
}
