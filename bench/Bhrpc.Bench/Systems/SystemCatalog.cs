using Bhrpc.Bench.Server;
using Bhrpc.Extensions;
using Bhrpc.Serialization;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// The systems by name: <c>raw</c>, <c>dotnetty-raw</c>, <c>http1</c>, <c>http2</c>, <c>grpc</c>, <c>streamjsonrpc</c> and <c>bhrpc-&lt;serializer&gt;[+variant]</c> for any
/// serializer name, so a new serializer is benchmarked by naming it (<c>bhrpc-hessian2</c>); the variant picks the
/// consumer path (<see cref="BhrpcVariant"/>: <c>+failfast</c> the direct path, <c>+2filters</c> failover with two
/// pass-through filters; none: the defaults).
/// </summary>
internal static class SystemCatalog
{
    public const string Raw = "raw";
    public const string Http1 = "http1";
    public const string Http2 = "http2";
    public const string DotNettyRaw = "dotnetty-raw";
    public const string Grpc = "grpc";
    public const string StreamJsonRpc = "streamjsonrpc";
    public const string BhrpcPrefix = "bhrpc-";
    public const char VariantSeparator = '+';
    public const string FailfastVariant = "failfast";
    public const string TwoFiltersVariant = "2filters";

    /// <summary>
    /// What runs when <c>--systems</c> is not given: every reference system, so one plain run computes every ratio
    /// column; serializers not built yet are skipped with a note.
    /// </summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [Raw, DotNettyRaw, "bhrpc-json+failfast", "bhrpc-json", "bhrpc-json+2filters", "bhrpc-hessian2", "bhrpc-msgpack", Http1, Http2, Grpc, StreamJsonRpc];

    /// <summary>The systems named as they are (every name but the <c>bhrpc-</c> family).</summary>
    public static IReadOnlyList<string> FixedNames { get; } = [Raw, DotNettyRaw, Http1, Http2, Grpc, StreamJsonRpc];

    /// <summary>Parses a comma-separated list, checking each name's form.</summary>
    public static IReadOnlyList<string> ParseNames(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .Distinct()
            .ToList();
        foreach (var name in names)
        {
            if (!FixedNames.Contains(name) && (SerializerOf(name) is null || VariantOf(name) is null))
            {
                throw new ArgumentException($"--systems: unknown system '{name}'; expected {Expected}.");
            }
        }

        return names;
    }

    /// <summary>Every accepted form of a system name, for error messages.</summary>
    public static string Expected => $"one of {string.Join(", ", FixedNames)} or bhrpc-<serializer>[+{FailfastVariant}|+{TwoFiltersVariant}] (for example bhrpc-json or bhrpc-json+{FailfastVariant})";

    /// <summary>The serializer of a <c>bhrpc-&lt;serializer&gt;[+variant]</c> name; null for other names.</summary>
    public static string? SerializerOf(string system)
    {
        if (!system.StartsWith(BhrpcPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = system.IndexOf(VariantSeparator, StringComparison.Ordinal);
        var serializer = system[BhrpcPrefix.Length..(end < 0 ? system.Length : end)];
        return serializer.Length > 0 ? serializer : null;
    }

    /// <summary>The consumer path of a bhrpc system name; null when its suffix is not a known variant.</summary>
    public static BhrpcVariant? VariantOf(string system)
    {
        var at = system.IndexOf(VariantSeparator, StringComparison.Ordinal);
        return at < 0 ? BhrpcVariant.Defaults : system[(at + 1)..] switch
        {
            FailfastVariant => BhrpcVariant.Failfast,
            TwoFiltersVariant => BhrpcVariant.TwoFilters,
            _ => null,
        };
    }

    /// <summary>Why <paramref name="system"/> cannot run in this build; null when it can.</summary>
    public static string? Unavailable(string system)
    {
        if (SerializerOf(system) is not { } serializer)
        {
            return null;
        }

        var known = ExtensionLoader.Shared.Names<IRpcSerializer>();
        return known.Contains(serializer, StringComparer.Ordinal)
            ? null
            : $"skipping {system}: this build has no '{serializer}' serializer (known: {string.Join(", ", known)}).";
    }

    /// <summary>The client side of <paramref name="system"/>.</summary>
    public static IBenchSystem Create(string system) => system switch
    {
        Raw => new RawSystem(Raw, RawEchoHost.Endpoint),
        DotNettyRaw => new RawSystem(DotNettyRaw, DotNettyEchoHost.Endpoint),
        Http1 => new HttpSystem(Http1, HttpHost.Http1Endpoint, new Version(1, 1)),
        Http2 => new HttpSystem(Http2, HttpHost.Http2Endpoint, new Version(2, 0)),
        Grpc => new GrpcSystem(),
        StreamJsonRpc => new StreamJsonRpcSystem(),
        _ when SerializerOf(system) is { } serializer && VariantOf(system) is { } variant => new BhrpcSystem(system, serializer, variant),
        _ => throw new ArgumentException($"unknown system '{system}'."),
    };

    /// <summary>The server side of <paramref name="system"/>, for the child process; null for an unknown name.</summary>
    public static IServerHost? CreateServerHost(string system) => system switch
    {
        Raw => new RawEchoHost(),
        DotNettyRaw => new DotNettyEchoHost(),
        Http1 or Http2 => new HttpHost(),
        Grpc => new GrpcHost(),
        StreamJsonRpc => new StreamJsonRpcHost(),
        _ when SerializerOf(system) is not null => new BhrpcHost(),
        _ => null,
    };
}
