namespace Bhrpc.Routing.Tag;

/// <summary>
/// Settings of router <c>tag</c> (<c>ReferenceOptions.Routers.Add(new ExtensionSpec("tag", new Dictionary&lt;string, string&gt; { ["force"] = "true" }))</c>).
/// </summary>
public sealed class TagRouterOptions
{
    /// <summary>
    /// The tag this reference's calls ask for when a call carries no <c>tag</c> attachment; default null (none).
    /// </summary>
    public string? Tag { get; set; }

    /// <summary>
    /// Whether a call goes only to providers of exactly the tag it asks for (no tag asked: only untagged providers),
    /// so that it fails with <see cref="RpcStatusCode.NoProvider"/> when there are none; default false: it falls
    /// back to the untagged providers (no tag asked and every provider tagged: to all).
    /// </summary>
    public bool Force { get; set; }
}
