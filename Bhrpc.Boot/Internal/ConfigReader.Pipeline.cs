using System.Globalization;
using System.Reflection;
using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Metadata;
using Bhrpc.Routing;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Internal;

/// <summary>
/// The pipeline keys: extension lists (filters, routers), the cluster, and per-method settings. An extension is
/// configured as a plain name (<c>Filters:0 = audit</c>) or as a section whose <c>Name</c> is its name and whose
/// other keys are its settings (<c>Filters:0:Name = audit</c>, <c>Filters:0:Level = info</c>). Every extension is
/// made once, with its settings, while reading, so an unknown name or a bad setting fails start naming the key.
/// </summary>
internal sealed partial class ConfigReader
{
    private const string NameKey = "Name";

    /// <summary>
    /// The filter list under <paramref name="key"/> (<c>{key}:{i}</c>), or null when the key is absent. Each filter
    /// must be known, support <paramref name="side"/> and accept its settings; <c>-name</c> (removing a global
    /// filter) is allowed only when <paramref name="allowRemoval"/> (a reference's or a service's own list).
    /// </summary>
    public List<ExtensionSpec>? Filters(string key, RpcSide side, bool allowRemoval)
        => List(key, "filter", (spec, nameKey) => CheckFilter(spec, nameKey, side, allowRemoval));

    /// <summary>The router chain under <paramref name="key"/> (<c>{key}:{i}</c>), in order, or null when the key is absent.</summary>
    public List<ExtensionSpec>? Routers(string key)
        => List(key, "router", (spec, nameKey) =>
        {
            RefuseRemoval(spec, nameKey, "router", "a router chain has no global list to remove from");
            CheckName<IRouter>(nameKey, spec.Name, spec.Name, "router");
            CheckSettings<IRouter>(spec, "router");
        });

    /// <summary>The cluster under <paramref name="key"/>: a name (<c>Cluster = forking</c>) or a section (<c>Cluster:Name</c> + settings); null when absent.</summary>
    public ExtensionSpec? Cluster(string key)
    {
        if (Spec(key, "cluster") is not (var spec, var nameKey))
        {
            return null;
        }

        RefuseRemoval(spec, nameKey, "cluster", "'-name' only removes a filter");
        CheckName<ICluster>(nameKey, spec.Name, spec.Name, "cluster");
        CheckSettings<ICluster>(spec, "cluster");
        return spec;
    }

    /// <summary>Retries after the first attempt: 0..<see cref="ReferenceOptions.MaxRetries"/>, as Core accepts.</summary>
    public int? Retries(string key) => Int(key, 0, ReferenceOptions.MaxRetries);

    /// <summary>
    /// The per-method settings under <paramref name="key"/> (<c>{key}:{method}:Timeout</c>, ...), or null when the key is
    /// absent. <c>{method}</c> is a method of <paramref name="contract"/> by its declared name (<c>Find</c>) or wire name
    /// (<c>find</c>); the options carry the declared name. A consumer method takes <see cref="BhrpcConfigurationKeys.ReferenceMethodKeys"/>;
    /// a service method (<paramref name="consumer"/> false) only <c>Timeout</c>.
    /// </summary>
    public List<MethodOptions>? Methods(string key, Type contract, bool consumer)
    {
        var children = _configuration.GetSection(key).GetChildren().ToList();
        var known = consumer ? BhrpcConfigurationKeys.ReferenceMethodKeys : BhrpcConfigurationKeys.ServiceMethodKeys;
        if (children.Count == 0)
        {
            return String(key) is { } value
                ? throw Error(key, value, $"a section per method: {key}:{{method}}:{string.Join("/", known)}")
                : null;
        }

        var methods = ServiceDescriptor.For(contract).ByMethod.Values.ToList();
        var result = new List<MethodOptions>(children.Count);
        foreach (var child in children)
        {
            var name = DeclaredName(methods, child.Key, contract, child.Path);
            if (!child.GetChildren().Any())
            {
                if (String(child.Path) is { } value)
                {
                    throw Error(child.Path, value, $"a section with the method's settings: {string.Join(", ", known)}");
                }

                continue;
            }

            if (!consumer)
            {
                RefuseConsumerSettings(child);
            }

            CheckKnown(child.Path, known);
            var method = new MethodOptions { Name = name, Timeout = Duration($"{child.Path}:Timeout", allowZero: false) };
            if (consumer)
            {
                method.AttemptTimeout = Duration($"{child.Path}:AttemptTimeout", allowZero: false);
                method.Retries = Retries($"{child.Path}:Retries");
                method.Oneway = Bool($"{child.Path}:Oneway");
                method.Idempotent = Bool($"{child.Path}:Idempotent");
            }

            result.Add(method);
        }

        return result;
    }

    private void RefuseConsumerSettings(IConfigurationSection method)
    {
        foreach (var setting in method.GetChildren())
        {
            if (!BhrpcConfigurationKeys.ServiceMethodKeys.Contains(setting.Key, StringComparer.OrdinalIgnoreCase)
                && BhrpcConfigurationKeys.ReferenceMethodKeys.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"configuration key '{setting.Path}' is a consumer setting; a service's method takes only Timeout (how long it may run before its CancellationToken fires). Set {setting.Key} on the reference (Bhrpc:References:{{name}}:Methods:{method.Key}:{setting.Key}).");
            }
        }
    }

    /// <summary>The declared name of the method <paramref name="key"/> names: its declared name first, else its wire name (either naming).</summary>
    private static string DeclaredName(List<MethodDescriptor> methods, string key, Type contract, string path)
    {
        if (methods.Any(m => m.Method.Name == key))
        {
            return key;
        }

        var byWireName = methods.Where(m => m.Name == key || m.CamelCaseName == key).Select(m => m.Method.Name).Distinct(StringComparer.Ordinal).ToList();
        if (byWireName.Count == 1)
        {
            return byWireName[0];
        }

        var names = methods.Select(m => m.Method.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        throw new RpcException(
            RpcStatusCode.Configuration,
            byWireName.Count > 1
                ? $"configuration key '{path}' is the wire name of the methods {string.Join(", ", byWireName)} of {contract.FullName}; use the declared name of one of them."
                : $"configuration key '{path}' names no method of {contract.FullName}; expected a method's declared or wire name: {string.Join(", ", names)}.");
    }

    private List<ExtensionSpec>? List(string key, string what, Action<ExtensionSpec, string> check)
    {
        var section = _configuration.GetSection(key);
        var entries = section.GetChildren().ToList();
        if (entries.Count == 0)
        {
            return String(key) is { } value
                ? throw Error(key, value, $"a list: {key}:0 = a {what} name, or {key}:0:Name = the name with the {what}'s settings as sibling keys")
                : null;
        }

        var result = new List<ExtensionSpec>(entries.Count);
        foreach (var entry in entries)
        {
            if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"configuration key '{entry.Path}' is not a list entry; expected {key}:0, {key}:1, ... each a {what} name or a section with Name and the {what}'s settings.");
            }

            if (Spec(entry.Path, what) is (var spec, var nameKey))
            {
                check(spec, nameKey);
                result.Add(spec);
            }
        }

        return result;
    }

    /// <summary>The extension at <paramref name="path"/> and the key its name came from; null when nothing is set there.</summary>
    private (ExtensionSpec Spec, string NameKey)? Spec(string path, string what)
    {
        var name = String(path);
        var nameKey = path;
        Dictionary<string, string>? settings = null;
        foreach (var child in _configuration.GetSection(path).GetChildren())
        {
            if (child.GetChildren().Any())
            {
                throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{child.Path}' is a section; expected a single value (a {what}'s settings are key/value pairs).");
            }

            if (String(child.Path) is not { } value)
            {
                continue;
            }

            if (string.Equals(child.Key, NameKey, StringComparison.OrdinalIgnoreCase))
            {
                (name, nameKey) = (value, child.Path);
            }
            else
            {
                (settings ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase))[child.Key] = value;
            }
        }

        if (name is null)
        {
            return settings is null
                ? null
                : throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{path}:Name' is missing; expected the name of the {what} the settings {string.Join(", ", settings.Keys)} are for.");
        }

        return (new ExtensionSpec(name, settings, path), nameKey);
    }

    private void CheckFilter(ExtensionSpec spec, string nameKey, RpcSide side, bool allowRemoval)
    {
        if (spec.IsRemoval)
        {
            if (!allowRemoval)
            {
                RefuseRemoval(spec, nameKey, "filter", "'-name' removes one of these global filters from a reference's or a service's own list");
            }

            if (spec.Settings.Count > 0)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{spec.Source}': '{spec.Name}' removes a filter and takes no settings; remove {string.Join(", ", spec.Settings.Keys)}.");
            }

            CheckName<IRpcFilter>(nameKey, spec.Name, spec.Name[1..].Trim(), "filter");
            return;
        }

        CheckName<IRpcFilter>(nameKey, spec.Name, spec.Name, "filter");
        var supported = Extensions.ImplementationType<IRpcFilter>(spec.Name)?.GetCustomAttribute<RpcFilterAttribute>()?.Side ?? RpcSide.Both;
        if (!supported.HasFlag(side))
        {
            throw Error(nameKey, spec.Name, $"a filter that runs on the {side.ToString().ToLowerInvariant()} side", $"filter '{spec.Name}' runs on the {supported.ToString().ToLowerInvariant()} side only");
        }

        CheckSettings<IRpcFilter>(spec, "filter");
    }

    private static void RefuseRemoval(ExtensionSpec spec, string nameKey, string what, string why)
    {
        if (spec.IsRemoval)
        {
            throw Error(nameKey, spec.Name, $"a {what} name", why);
        }
    }

    private void CheckName<T>(string key, string value, string name, string what)
        where T : class
    {
        if (Extensions.Contains<T>(name))
        {
            return;
        }

        var known = Extensions.Names<T>();
        var expected = known.Count == 0
            ? $"the name of a {what}, but none is known: add an [SpiClass] class implementing {typeof(T).Name} in a loaded assembly or in Bhrpc:Extensions:PluginFolder, or register one with ExtensionLoader.Register"
            : $"the name of a known {what}: {string.Join(", ", known)}";
        throw Error(key, value, expected, $"no {what} is named '{name}'");
    }

    /// <summary>
    /// Makes the extension once with its settings, as the client or server will, so a setting it does not take or a
    /// bad value fails now, named <c>{Source}:{setting}</c>; the instance is then dropped.
    /// </summary>
    private void CheckSettings<T>(ExtensionSpec spec, string what)
        where T : class
    {
        object instance;
        try
        {
            instance = Extensions.CreateFor<T>(new ExtensionContext(spec.Name, spec.Source!, spec.Settings));
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{spec.Source}': the {what} '{spec.Name}' cannot be made with its settings: {e.Message}", e);
        }

        // An extension that holds resources gives them back; the client and server make their own instances.
        if (instance is IDisposable disposable)
        {
            disposable.Dispose();
        }
        else if (instance is IAsyncDisposable asyncDisposable)
        {
            asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
