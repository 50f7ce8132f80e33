namespace Bhrpc.Tests.Infrastructure;

public class ManualTimeProviderTests
{
    [Test]
    public void Advance_PastSeveralPeriods_FiresPeriodicTimerOncePerPeriodAtItsDueTime()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<TimeSpan>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow() - start), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(7));

        Assert.That(fired, Is.EqualTo(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6) }));
        Assert.That(clock.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Advance_AfterDispose_DoesNotFireTimer()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(fired, Is.Zero);
        Assert.That(clock.ActiveTimers, Is.Zero);
    }

    [Test]
    public void Change_ToInfinite_StopsTimer()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(1));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(fired, Is.EqualTo(1));
    }
}
