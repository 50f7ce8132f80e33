using System.ComponentModel.DataAnnotations;

namespace Bhrpc.Routing.Condition;

/// <summary>
/// Settings of router <c>condition</c>
/// (<c>ReferenceOptions.Routers.Add(new ExtensionSpec("condition", new Dictionary&lt;string, string&gt; { ["rule"] = "method=find* => host=10.0.*" }))</c>).
/// </summary>
public sealed class ConditionRouterOptions
{
    /// <summary>
    /// The rule, in Dubbo's syntax <c>[when] =&gt; [then]</c>; required. See <see cref="ConditionRouter"/> for the keys
    /// and the matching. A rule that does not parse is refused, naming the position and what was expected.
    /// </summary>
    [Required]
    public string? Rule { get; set; }

    /// <summary>
    /// What happens when a call matches the when-part and no provider matches the then-part: false (the default)
    /// sends it to all the providers instead; true sends it to none (it fails with <see cref="RpcStatusCode.NoProvider"/>).
    /// A rule with an empty then-part sends matching calls to none either way.
    /// </summary>
    public bool Force { get; set; }
}
