using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>Registers <see cref="RpcNamespaceParser"/> process-wide when Bhrpc.Spring is loaded.</summary>
internal static class RpcNamespaceRegistration
{
    /// <summary>Runs before any type of this assembly is used, so a plain <c>new XmlApplicationContext(file)</c> knows the rpc namespace.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The rpc namespace must be known before any context reads a file; registration only adds a type to a list.")]
    internal static void Register() => NamespaceParsers.Register<RpcNamespaceParser>();
}
