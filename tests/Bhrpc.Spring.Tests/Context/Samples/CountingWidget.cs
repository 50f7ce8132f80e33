namespace Bhrpc.Spring.Tests.Context.Samples;

public sealed class CountingWidget
{
    public CountingWidget() => AddingFactoryPostProcessor.WidgetsCreated++;
}
