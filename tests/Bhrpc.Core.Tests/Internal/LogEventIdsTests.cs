using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Internal;

/// <summary>
/// Operators filter bhrpc's log by event id, so an id must name one message: no two
/// <c>[LoggerMessage]</c> methods of Bhrpc.Core, Bhrpc.Spring and Bhrpc.Boot share an id (or an explicit event name).
/// </summary>
public sealed class LogEventIdsTests
{
    private const BindingFlags AllMethods = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Test]
    public void The_product_assemblies_are_all_looked_at()
    {
        Assert.That(ProductAssemblies().Select(a => a.GetName().Name), Is.SupersetOf(new[] { "Bhrpc.Core", "Bhrpc.Spring", "Bhrpc.Boot" }));
        Assert.That(LogMethods(), Has.Count.GreaterThan(50), "Bhrpc.Core alone logs more than 50 messages; fewer means the reflection missed some");
    }

    [Test]
    public void Every_log_message_sets_its_own_event_id()
    {
        var unset = LogMethods().Where(m => m.Attribute.EventId < 1).Select(m => m.Name);

        Assert.That(unset, Is.Empty, "every [LoggerMessage] in the product assemblies needs an event id from LogEventIds");
    }

    [Test]
    public void No_two_log_messages_share_an_event_id()
    {
        var shared = LogMethods()
            .GroupBy(m => m.Attribute.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}");

        Assert.That(shared, Is.Empty, "each event id names one message; give each component its own range in LogEventIds");
    }

    [Test]
    public void No_two_log_messages_share_an_event_name()
    {
        var shared = LogMethods()
            .Where(m => m.Attribute.EventName is not null)
            .GroupBy(m => m.Attribute.EventName)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}");

        Assert.That(shared, Is.Empty);
    }

    private static List<(string Name, LoggerMessageAttribute Attribute)> LogMethods()
        => [.. from assembly in ProductAssemblies()
               from type in assembly.GetTypes()
               from method in type.GetMethods(AllMethods)
               let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
               where attribute is not null
               select ($"{type.FullName}.{method.Name}", attribute)];

    /// <summary>Core, Spring and Boot (loaded here by naming a type of each), and any other Bhrpc.* library loaded by now.</summary>
    private static IEnumerable<Assembly> ProductAssemblies()
        => new[] { typeof(RpcServer).Assembly, typeof(Bhrpc.Spring.Autofac.BhrpcModule).Assembly, typeof(Bhrpc.Boot.BhrpcBuilder).Assembly }
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name is { } name && name.StartsWith("Bhrpc.", StringComparison.Ordinal) && !name.EndsWith(".Tests", StringComparison.Ordinal)))
            .Distinct();
}
