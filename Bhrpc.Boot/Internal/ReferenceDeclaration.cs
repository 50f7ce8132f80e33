using Microsoft.Extensions.DependencyInjection;

namespace Bhrpc.Boot.Internal;

/// <summary>A named reference: declared in code (<c>AddReference</c>) or only in configuration (<c>Bhrpc:References:{name}:Interface</c>).</summary>
internal sealed record ReferenceDeclaration(string Name, Type Contract, Action<ReferenceOptions>? Configure, ServiceDescriptor Descriptor);
