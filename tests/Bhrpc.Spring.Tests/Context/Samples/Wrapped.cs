namespace Bhrpc.Spring.Tests.Context.Samples;

public sealed record Wrapped(object Inner, string Id);
