using System.Reflection;
using System.Xml.Linq;
using Bhrpc.Spring.Context;
using Bhrpc.Injection;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:annotation-driven [assemblies="A, B"]/&gt;</c>: registers an object (id: the class's full name) for every
/// concrete <c>[RpcService]</c> class of those assemblies and exports it on the default server; and sets the
/// <c>[RpcReference]</c> members of every object the context creates, through one <see cref="RpcReferencePostProcessor"/>.
/// </summary>
internal sealed class AnnotationDrivenElementParser : IRpcElementParser
{
    private static readonly char[] s_separators = [',', ';', ' ', '\t', '\n', '\r'];

    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        var assemblies = (attributes.String("assemblies") ?? string.Empty)
            .Split(s_separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Load(name, attributes))
            .ToList();

        IReadOnlyList<Type> types;
        try
        {
            types = ServiceScanner.FindServiceTypes(assemblies);
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw attributes.Error("assemblies", e.Message, e);
        }

        foreach (var type in types)
        {
            var id = context.Registry.Contains(type.FullName!) ? context.GenerateId(type.FullName!) : type.FullName!;
            context.Registry.Register(new ObjectDefinition(id) { ObjectType = type, Location = attributes.Location() });
            configuration.AnnotatedServiceIds.Add(id);
        }

        configuration.AnnotationLocation ??= attributes.Location();
        RpcConfiguration.RegisterReferencePostProcessor(context.Registry);
    }

    private static Assembly Load(string name, RpcAttributeReader attributes)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        try
        {
            return loaded ?? Assembly.Load(new AssemblyName(name));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            throw attributes.Error("assemblies", $"<rpc:annotation-driven> assembly '{name}' could not be loaded: {e.Message}", e);
        }
    }
}
