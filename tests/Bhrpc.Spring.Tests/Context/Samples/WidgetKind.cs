namespace Bhrpc.Spring.Tests.Context.Samples;

public enum WidgetKind
{
    Plain,
    Fancy,
}
