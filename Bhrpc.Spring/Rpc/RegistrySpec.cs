using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>One <c>&lt;rpc:registry&gt;</c>.</summary>
internal sealed record RegistrySpec(string Id, RegistryOptions Options, SourceLocation Location);
