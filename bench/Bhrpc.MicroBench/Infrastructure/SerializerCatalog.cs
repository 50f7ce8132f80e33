using Bhrpc.Extensions;
using Bhrpc.Serialization;

namespace Bhrpc.MicroBench.Infrastructure;

/// <summary>The serializer names benchmarks run over: every <see cref="IRpcSerializer"/> the shared loader finds.</summary>
internal static class SerializerCatalog
{
    public static IEnumerable<string> Names => ExtensionLoader.Shared.Names<IRpcSerializer>();
}
