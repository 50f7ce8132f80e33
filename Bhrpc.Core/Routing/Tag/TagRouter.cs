using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Routing.Tag;

/// <summary>
/// Router <c>tag</c>: the tag a call asks for (its <see cref="AttachmentKeys.Tag"/> attachment, else
/// <see cref="TagRouterOptions.Tag"/>) picks the providers registered with that tag (<see cref="Provider.Tag"/>,
/// compared ordinally). The rule, exactly:
/// <list type="bullet">
/// <item>A tag asked for: the providers with that tag; when none has it, the untagged providers (possibly none), or
/// none at all when <see cref="TagRouterOptions.Force"/> is set.</item>
/// <item>No tag asked for: the untagged providers; when every provider is tagged, all of them, or none at all when
/// <see cref="TagRouterOptions.Force"/> is set.</item>
/// </list>
/// An empty tag counts as no tag. Used for gray releases and per-environment traffic.
/// </summary>
[SpiClass("tag")]
internal sealed class TagRouter : IRouter
{
    private readonly string? _tag;
    private readonly bool _force;

    /// <summary>A tag router with the settings of <paramref name="context"/>.</summary>
    public TagRouter(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind<TagRouterOptions>();
        _tag = string.IsNullOrEmpty(options.Tag) ? null : options.Tag;
        _force = options.Force;
    }

    /// <inheritdoc />
    public IReadOnlyList<Provider> Route(IReadOnlyList<Provider> providers, RpcInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(invocation);
        var tag = invocation.HasAttachments && invocation.Attachments.TryGetValue(AttachmentKeys.Tag, out var asked) && !string.IsNullOrEmpty(asked) ? asked : _tag;
        if (tag is not null)
        {
            var tagged = Having(providers, tag);
            return tagged.Count > 0 || _force ? tagged : Having(providers, null);
        }

        var untagged = Having(providers, null);
        return untagged.Count > 0 || _force ? untagged : providers;
    }

    /// <summary>The providers whose tag is <paramref name="tag"/> (null: untagged); <paramref name="providers"/> itself when all are.</summary>
    private static IReadOnlyList<Provider> Having(IReadOnlyList<Provider> providers, string? tag)
    {
        var count = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            if (Matches(providers[i], tag))
            {
                count++;
            }
        }

        if (count == providers.Count)
        {
            return providers;
        }

        if (count == 0)
        {
            return [];
        }

        var result = new Provider[count];
        var next = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            if (Matches(providers[i], tag))
            {
                result[next++] = providers[i];
            }
        }

        return result;
    }

    private static bool Matches(Provider provider, string? tag) =>
        tag is null ? string.IsNullOrEmpty(provider.Tag) : string.Equals(provider.Tag, tag, StringComparison.Ordinal);
}
