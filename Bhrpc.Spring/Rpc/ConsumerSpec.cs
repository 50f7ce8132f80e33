using Bhrpc.Attributes;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>The <c>&lt;rpc:consumer&gt;</c>: defaults with the registry still an id.</summary>
internal sealed record ConsumerSpec(ConsumerDefaults Defaults, string? RegistryId, SourceLocation Location);
