using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Tests.Context.Samples;

public sealed class LifecycleProbe : IContextLifecycle
{
    public XmlApplicationContext? RefreshedWith { get; private set; }

    public int ClosingCalls { get; private set; }

    public bool Hang { get; set; }

    public async Task OnContextRefreshedAsync(XmlApplicationContext context, CancellationToken ct)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }

        await Task.Yield();
        RefreshedWith = context;
    }

    public ValueTask OnContextClosingAsync()
    {
        ClosingCalls++;
        return ValueTask.CompletedTask;
    }
}
