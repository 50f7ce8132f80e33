using Autofac;
using Bhrpc.Attributes;
using Bhrpc.Spring.Autofac;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Attributes;
using Bhrpc.Spring.Tests.Pipeline;
using static Bhrpc.Spring.Tests.Rpc.RpcXml;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>
/// Consumer filters configured in XML and attributes run on real calls.
/// </summary>
[NonParallelizable]
public sealed class FilterEndToEndTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-filter-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Call_ReferenceAndConsumerFiltersFromXml_RunWithTheirSettings()
    {
        await using var context = await OpenAsync($"""
              <rpc:consumer>
                <rpc:filter name="{StampFilter.Name}" label="client"/>
              </rpc:consumer>
              <rpc:reference id="echo-ref" interface="{Echo}" timeout="5s">
                <rpc:filter name="{StampFilter.Name}" label="ref" times="2"/>
              </rpc:reference>
              <rpc:reference id="echo-plain" interface="{Echo}" timeout="5s">
                <rpc:filter name="-{StampFilter.Name}"/>
              </rpc:reference>
            """);

        Assert.That(context.GetObject<IEcho>("echo-ref").Echo("x"), Is.EqualTo("[client][ref][ref]v1: x"));
        Assert.That(await context.GetObject<IEcho>("echo-ref").EchoAsync("y").WaitAsync(Bound), Is.EqualTo("[client][ref][ref]v1 async: y"));
        Assert.That(context.GetObject<IEcho>("echo-plain").Echo("z"), Is.EqualTo("v1: z"), "-name removes the client's filter");
    }

    [Test]
    public async Task Call_ReferenceFilterFromAttributes_RunsWithItsSettings()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule(new BhrpcModule { Registry = $"local://{_folder}", Server = { Port = 0 } });
        builder.RegisterType<Greeter>().SingleInstance();
        builder.RegisterType<StampedDesk>();
        await using var container = builder.Build();

        var desk = container.Resolve<StampedDesk>();

        Assert.That(desk.Greeter.Hello("x"), Is.EqualTo("[desk]hello x"));
    }

    private async Task<XmlApplicationContext> OpenAsync(string body)
    {
        var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(file, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <objects xmlns="http://www.springframework.net" {Xmlns}>
              <rpc:registry id="registry" address="local://{_folder}"/>
              <rpc:server id="s" port="0"/>
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="v1"/></object>
              <rpc:service interface="{Echo}" ref="echo"/>
            {body}
            </objects>
            """).WaitAsync(Bound);
        return await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [file]).WaitAsync(Bound);
    }

    /// <summary>A consumer whose reference runs the test filter, from attributes.</summary>
    public sealed class StampedDesk
    {
        [RpcReference(Filters = new[] { StampFilter.Name })]
        [RpcFilterSpec(StampFilter.Name, "label=desk")]
        public IGreeter Greeter { get; set; } = null!;
    }
}
