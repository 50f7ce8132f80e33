using System.Reflection;
using Bhrpc.Boot.Internal;
using Bhrpc.Injection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bhrpc.Boot;

/// <summary>Declares the services a host exports and the references it calls. Returned by <c>AddBhrpc</c>.</summary>
public sealed class BhrpcBuilder
{
    private readonly BhrpcState _state;

    internal BhrpcBuilder(IServiceCollection services, BhrpcState state)
    {
        Services = services;
        _state = state;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Exports <typeparamref name="TImpl"/> as <typeparamref name="TContract"/>. The implementation is
    /// resolved from the container (registered as a singleton unless already registered);
    /// <paramref name="configure"/> sets version, group, weight or service name.
    /// </summary>
    public BhrpcBuilder AddService<TContract, TImpl>(Action<ServiceOptions>? configure = null)
        where TContract : class
        where TImpl : class, TContract
    {
        Services.TryAddSingleton<TImpl>();
        _state.Services.Add(new ServiceDeclaration(
            typeof(TContract),
            static sp => sp.GetRequiredService<TImpl>(),
            implementation =>
            {
                var options = new ServiceOptions { ServiceType = typeof(TContract), Implementation = implementation };
                configure?.Invoke(options);
                return options;
            }));
        return this;
    }

    /// <summary>
    /// Makes <typeparamref name="TContract"/> resolvable (a singleton proxy, so constructor injection works).
    /// Settings: built-in defaults, then <c>Bhrpc:Consumer</c>, then <paramref name="configure"/>, then
    /// <c>Bhrpc:References:{name}</c>.
    /// </summary>
    public BhrpcBuilder AddReference<TContract>(string name, Action<ReferenceOptions>? configure = null)
        where TContract : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!typeof(TContract).IsInterface)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"AddReference<{typeof(TContract).FullName}>(\"{name}\"): a reference needs a service interface.");
        }

        AddReference(Services, _state, name, typeof(TContract), configure);
        return this;
    }

    /// <summary>
    /// Exports every concrete <c>[RpcService]</c> class of <paramref name="assemblies"/> (each registered as a
    /// singleton, as itself and as the interfaces it exports, unless already registered). Their
    /// <c>[RpcReference]</c> members are set before export; those of other components are set when Autofac
    /// is the provider factory with <see cref="BhrpcAutofacExtensions.AddBhrpcInjection"/>.
    /// </summary>
    public BhrpcBuilder ScanAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var type in ServiceScanner.FindServiceTypes(assemblies.Where(_state.ScannedAssemblies.Add)))
        {
            Services.TryAddSingleton(type);
            foreach (var attribute in ServiceScanner.AttributesOf(type))
            {
                var implementationType = type;
                Services.TryAddSingleton(attribute.Interface, sp => sp.GetRequiredService(implementationType));
                _state.Services.Add(new ServiceDeclaration(attribute.Interface, sp => sp.GetRequiredService(implementationType), attribute.ToServiceOptions));
            }
        }

        return this;
    }

    /// <summary>Registers (or replaces) the reference <paramref name="name"/>.</summary>
    internal static void AddReference(IServiceCollection services, BhrpcState state, string name, Type contract, Action<ReferenceOptions>? configure)
    {
        if (state.References.TryGetValue(name, out var existing))
        {
            services.Remove(existing.Descriptor);
        }

        var descriptor = ServiceDescriptor.Singleton(contract, sp => sp.GetRequiredService<BhrpcRuntime>().Reference(name));
        services.Add(descriptor);
        state.References[name] = new ReferenceDeclaration(name, contract, configure, descriptor);
    }
}
