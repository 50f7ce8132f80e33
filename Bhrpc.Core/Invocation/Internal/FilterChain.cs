using System.Reflection;
using Bhrpc.Extensions;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Invocation.Internal;

/// <summary>
/// Builds a filter chain once per reference (consumer) or exported service (provider): the owner's global filters,
/// then its own, minus those a <c>-name</c> entry removes, each made by the extension loader with its settings,
/// ordered by <see cref="RpcFilterAttribute.Order"/> (stable, so listing order breaks ties).
/// </summary>
internal static class FilterChain
{
    /// <summary>
    /// The chain in front of <paramref name="terminal"/>; <paramref name="terminal"/> itself when no filter applies
    /// (<paramref name="count"/> is then 0), so an empty chain costs nothing per call.
    /// </summary>
    /// <param name="loader">Where the filters come from.</param>
    /// <param name="globals">The client's or server's filters.</param>
    /// <param name="locals">The reference's or service's filters; <c>-name</c> removes a global one.</param>
    /// <param name="side">The side the chain runs on; a filter that does not support it is refused.</param>
    /// <param name="owner">Names the owner in errors, e.g. <c>reference Demo.IGreeter#1.0.0#</c>.</param>
    /// <param name="clock">The owner's clock, for the filters' contexts.</param>
    /// <param name="loggerFactory">The owner's logging, for the filters' contexts.</param>
    /// <param name="terminal">The cluster (consumer) or the service method (provider).</param>
    /// <param name="count">How many filters the chain runs.</param>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an unknown filter, a removal that removes nothing, a filter on the wrong side, or bad settings.</exception>
    public static RpcInvocationDelegate Build(
        ExtensionLoader loader,
        IEnumerable<ExtensionSpec> globals,
        IEnumerable<ExtensionSpec> locals,
        RpcSide side,
        string owner,
        TimeProvider clock,
        ILoggerFactory? loggerFactory,
        RpcInvocationDelegate terminal,
        out int count)
    {
        var specs = Effective([.. globals], [.. locals], owner);
        var filters = new List<(IRpcFilter Filter, int Order)>(specs.Count);
        for (var i = 0; i < specs.Count; i++)
        {
            var (spec, where) = specs[i];
            var type = loader.ImplementationType<IRpcFilter>(spec.Name);
            var info = type?.GetCustomAttribute<RpcFilterAttribute>();
            if (info is not null && !info.Side.HasFlag(side))
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"{where}: filter '{spec.Name}' runs on the {info.Side.ToString().ToLowerInvariant()} side only; list it on a {(info.Side == RpcSide.Consumer ? "reference or client" : "service or server")} instead.");
            }

            var filter = loader.CreateFor<IRpcFilter>(new ExtensionContext(spec.Name, where, spec.Settings, clock, loggerFactory));
            filters.Add((filter, info?.Order ?? filter.GetType().GetCustomAttribute<RpcFilterAttribute>()?.Order ?? 0));
        }

        count = filters.Count;
        var next = terminal;
        foreach (var (filter, _) in filters.Select((f, i) => (f, i)).OrderByDescending(f => f.f.Order).ThenByDescending(f => f.i).Select(f => f.f))
        {
            var rest = next;
            next = invocation => Invoke(filter, invocation, rest);
        }

        return next;
    }

    /// <summary>A filter that throws instead of returning a failure still gives the caller a result.</summary>
    private static ValueTask<RpcResult> Invoke(IRpcFilter filter, RpcInvocation invocation, RpcInvocationDelegate next)
    {
        try
        {
            return filter.InvokeAsync(invocation, next);
        }
        catch (Exception e)
        {
            return ValueTask.FromResult(RpcResult.FromException(e));
        }
    }

    private static List<(ExtensionSpec Spec, string Where)> Effective(List<ExtensionSpec> globals, List<ExtensionSpec> locals, string owner)
    {
        var result = new List<(ExtensionSpec, string)>();
        result.AddRange(globals.Select((s, i) => (s, s.Source ?? $"{owner} global filter {i}")));
        foreach (var (spec, i) in locals.Select((s, i) => (s, i)))
        {
            var where = spec.Source ?? $"{owner} filter {i}";
            if (!spec.IsRemoval)
            {
                result.Add((spec, where));
                continue;
            }

            var name = spec.Name[1..].Trim();
            if (result.RemoveAll(f => string.Equals(f.Item1.Name, name, StringComparison.Ordinal)) == 0)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: '-{name}' removes no filter: none named '{name}' is listed before it (globals: {(globals.Count == 0 ? "none" : string.Join(", ", globals.Select(g => g.Name)))}).");
            }
        }

        return result;
    }
}
