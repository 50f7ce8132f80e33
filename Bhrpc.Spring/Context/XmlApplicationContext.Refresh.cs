using Autofac;

namespace Bhrpc.Spring.Context;

/// <content>Refresh: factory post-processors, Autofac registration, eager singletons.</content>
public sealed partial class XmlApplicationContext
{
    private void Refresh()
    {
        RunFactoryPostProcessors();
        var builder = new ContainerBuilder();
        foreach (var definition in _registry.Definitions)
        {
            if (_early.TryGetValue(definition.Id, out var instance))
            {
                builder.RegisterInstance(instance).Named<object>(definition.Id).ExternallyOwned();
                continue;
            }

            var registration = builder.Register(c => Activate(definition, new ComponentResolver(this, c)))
                .Named<object>(definition.Id).ExternallyOwned();
            if (definition.IsSingleton)
            {
                registration.SingleInstance();
            }
            else
            {
                registration.InstancePerDependency();
            }
        }

        _container = builder.Build();

        // Post-processors must exist before the objects they process.
        foreach (var definition in _registry.Definitions.Where(d => Implements<IObjectPostProcessor>(d)).ToList())
        {
            _postProcessors.Add((IObjectPostProcessor)GetObject(definition.Id));
        }

        foreach (var definition in _registry.Definitions.Where(d => d.IsSingleton && !d.IsLazyInit).ToList())
        {
            GetObject(definition.Id);
        }
    }

    private void RunFactoryPostProcessors()
    {
        var definitions = _registry.Definitions.Where(d => Implements<IObjectFactoryPostProcessor>(d)).ToList();
        var bootstrap = new BootstrapResolver(this);
        foreach (var definition in definitions)
        {
            var processor = (IObjectFactoryPostProcessor)bootstrap.GetObject(definition.Id);
            processor.PostProcessObjectFactory(_registry);
        }
    }

    private static bool Implements<T>(ObjectDefinition definition)
        => ObjectInstantiator.ProducedType(definition) is { } type && typeof(T).IsAssignableFrom(type);

    /// <summary>Creates one object; called by Autofac (and by the bootstrap resolver for factory post-processors).</summary>
    private object Activate(ObjectDefinition definition, IObjectResolver resolver)
    {
        _tracker.Enter(definition.Id, definition.Location);
        try
        {
            foreach (var dependency in definition.DependsOn)
            {
                resolver.GetObject(dependency);
            }

            var (raw, exposed) = _instantiator.Create(definition, resolver);
            if (definition.IsSingleton)
            {
                _created.Add(new CreatedObject(definition, raw, exposed));
            }

            return exposed;
        }
        finally
        {
            _tracker.Exit(definition.Id);
        }
    }

    /// <summary>Resolves references during an Autofac activation through the activation's own component context.</summary>
    private sealed class ComponentResolver(XmlApplicationContext owner, IComponentContext components) : IObjectResolver
    {
        public object GetObject(string id)
        {
            var definition = owner._registry.Get(id);
            if (owner._tracker.IsCreating(definition.Id))
            {
                throw owner._tracker.CycleError(definition.Id, definition.Location);
            }

            return components.ResolveNamed<object>(definition.Id);
        }

        public bool ContainsObject(string id) => owner._registry.Contains(id);
    }

    /// <summary>Creates factory post-processors before the container exists; they may only reference each other.</summary>
    private sealed class BootstrapResolver(XmlApplicationContext owner) : IObjectResolver
    {
        public object GetObject(string id)
        {
            var definition = owner._registry.Get(id);
            if (owner._early.TryGetValue(definition.Id, out var existing))
            {
                return existing;
            }

            if (!Implements<IObjectFactoryPostProcessor>(definition))
            {
                throw new ObjectDefinitionException(
                    $"Object '{definition.Id}' is referenced while factory post-processors are created; they may only reference other factory post-processors.",
                    definition.Location);
            }

            var instance = owner.Activate(definition, this);
            owner._early[definition.Id] = instance;
            return instance;
        }

        public bool ContainsObject(string id) => owner._registry.Contains(id);
    }
}
