using System.Reflection;

namespace Bhrpc.Spring.Context;

/// <summary>Creates one object from its definition: construct, set properties, post-process, init.</summary>
internal sealed class ObjectInstantiator
{
    private const BindingFlags InstanceMethods = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private readonly Func<IReadOnlyList<IObjectPostProcessor>> _postProcessors;

    public ObjectInstantiator(Func<IReadOnlyList<IObjectPostProcessor>> postProcessors)
    {
        _postProcessors = postProcessors;
    }

    /// <summary>Returns the raw instance and the instance after post-processing.</summary>
    public (object Raw, object Exposed) Create(ObjectDefinition definition, IObjectResolver resolver)
    {
        var raw = Construct(definition, resolver);
        foreach (var property in definition.Properties)
        {
            SetProperty(definition, raw, property, resolver);
        }

        var applyPostProcessors = raw is not IObjectPostProcessor and not IObjectFactoryPostProcessor;
        var exposed = raw;
        if (applyPostProcessors)
        {
            foreach (var processor in _postProcessors())
            {
                exposed = processor.PostProcessBeforeInitialization(exposed, definition.Id);
            }
        }

        if (definition.InitMethod is { } init)
        {
            Invoke(definition, raw, init, "init-method");
        }

        if (applyPostProcessors)
        {
            foreach (var processor in _postProcessors())
            {
                exposed = processor.PostProcessAfterInitialization(exposed, definition.Id);
            }
        }

        return (raw, exposed);
    }

    /// <summary>Calls a parameterless instance method named in the definition (init or destroy).</summary>
    public static void Invoke(ObjectDefinition definition, object instance, string methodName, string role)
    {
        var method = instance.GetType().GetMethod(methodName, InstanceMethods, Type.EmptyTypes)
            ?? throw new ObjectDefinitionException(
                $"Object '{definition.Id}': {role} '{methodName}' is not a parameterless instance method of {instance.GetType().FullName}.",
                definition.Location);
        try
        {
            method.Invoke(instance, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ObjectDefinitionException(
                $"Object '{definition.Id}': {role} '{methodName}' threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}",
                definition.Location, ex.InnerException);
        }
    }

    /// <summary>The type the definition produces, when it can be known without creating it.</summary>
    public static Type? ProducedType(ObjectDefinition definition)
    {
        if (definition.Factory is not null || definition.ObjectType is null || definition.FactoryMethod is null)
        {
            return definition.ObjectType;
        }

        return definition.ObjectType.GetMethods(BindingFlags.Static | BindingFlags.Public)
            .FirstOrDefault(m => m.Name == definition.FactoryMethod)?.ReturnType;
    }

    private object Construct(ObjectDefinition definition, IObjectResolver resolver)
    {
        if (definition.Factory is { } factory)
        {
            return factory(resolver) ?? throw new ObjectDefinitionException($"Object '{definition.Id}': the factory returned null.", definition.Location);
        }

        var type = definition.ObjectType
            ?? throw new ObjectDefinitionException($"Object '{definition.Id}' has neither a type nor a factory.", definition.Location);
        IEnumerable<MethodBase> candidates = definition.FactoryMethod is { } name
            ? type.GetMethods(BindingFlags.Static | BindingFlags.Public).Where(m => m.Name == name)
            : type.GetConstructors();
        var args = definition.ConstructorArguments;
        string? lastError = null;
        foreach (var candidate in candidates.OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = candidate.GetParameters();
            if (parameters.Length != args.Count)
            {
                continue;
            }

            var values = TryBindArguments(definition, parameters, resolver, out lastError);
            if (values is null)
            {
                continue;
            }

            try
            {
                return candidate is ConstructorInfo ctor ? ctor.Invoke(values) : candidate.Invoke(null, values)
                    ?? throw new ObjectDefinitionException($"Object '{definition.Id}': factory-method '{definition.FactoryMethod}' returned null.", definition.Location);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw new ObjectDefinitionException(
                    $"Object '{definition.Id}': creating {type.FullName} threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}",
                    definition.Location, ex.InnerException);
            }
        }

        var what = definition.FactoryMethod is null ? $"a public constructor of {type.FullName}" : $"a public static method {type.FullName}.{definition.FactoryMethod}";
        throw new ObjectDefinitionException(
            $"Object '{definition.Id}': no {what} takes the {args.Count} given argument(s){(lastError is null ? "." : $": {lastError}")}",
            definition.Location);
    }

    private object?[]? TryBindArguments(ObjectDefinition definition, ParameterInfo[] parameters, IObjectResolver resolver, out string? error)
    {
        error = null;
        var values = new object?[parameters.Length];
        var bound = new bool[parameters.Length];
        var position = 0;
        foreach (var arg in definition.ConstructorArguments)
        {
            int index;
            if (arg.Index is { } i)
            {
                index = i;
            }
            else if (arg.Name is { } name)
            {
                index = Array.FindIndex(parameters, p => p.Name == name);
            }
            else
            {
                while (position < bound.Length && bound[position])
                {
                    position++;
                }

                index = position;
            }

            if (index < 0 || index >= parameters.Length || bound[index])
            {
                error = $"argument {arg.Name ?? arg.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} does not match a parameter";
                return null;
            }

            try
            {
                values[index] = Resolve(definition, arg.Value, parameters[index].ParameterType, $"constructor argument '{parameters[index].Name}'", resolver);
            }
            catch (ObjectDefinitionException ex) when (ex.InnerException is FormatException or InvalidCastException or ArgumentException or OverflowException or NotSupportedException)
            {
                error = ex.Message;
                return null;
            }

            bound[index] = true;
        }

        return values;
    }

    private void SetProperty(ObjectDefinition definition, object instance, PropertyValue property, IObjectResolver resolver)
    {
        var info = instance.GetType().GetProperty(property.Name, BindingFlags.Instance | BindingFlags.Public);
        if (info is null || !info.CanWrite)
        {
            throw new ObjectDefinitionException(
                $"Object '{definition.Id}': {instance.GetType().FullName} has no writable public property '{property.Name}'.",
                property.Value.Location ?? definition.Location);
        }

        var value = Resolve(definition, property.Value, info.PropertyType, $"property '{property.Name}'", resolver);
        try
        {
            info.SetValue(instance, value);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ObjectDefinitionException(
                $"Object '{definition.Id}': setting property '{property.Name}' threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}",
                property.Value.Location ?? definition.Location, ex.InnerException);
        }
    }

    /// <summary>Turns a value into an instance of <paramref name="target"/>; errors name the property and expected type.</summary>
    private object? Resolve(ObjectDefinition owner, ObjectValue value, Type target, string what, IObjectResolver resolver)
    {
        var location = value.Location ?? owner.Location;
        ObjectDefinitionException Mismatch(string detail, Exception? inner = null) => new(
            $"Object '{owner.Id}': cannot convert {detail} to {Describe(target)} for {what}.", location, inner);

        switch (value)
        {
            case LiteralValue literal:
                try
                {
                    return ValueConverter.ConvertText(literal.Text, target);
                }
                catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException or OverflowException or NotSupportedException)
                {
                    throw Mismatch($"'{literal.Text}'", ex);
                }

            case ReferenceValue reference:
                return CheckAssignable(resolver.GetObject(reference.ObjectId), target, Mismatch);
            case InnerObjectValue inner:
                return CheckAssignable(Create(inner.Definition, resolver).Exposed, target, Mismatch);
            case ListValue list:
                var elementType = ValueConverter.ListElementType(target) ?? throw Mismatch("a <list>");
                var items = list.Items.Select(item => Resolve(owner, item, elementType, what, resolver)).ToList();
                return ValueConverter.BuildList(target, elementType, items);
            case DictionaryValue dictionary:
                var valueType = ValueConverter.DictionaryValueType(target) ?? throw Mismatch("a <dictionary>");
                var entries = dictionary.Entries
                    .Select(e => KeyValuePair.Create(e.Key, Resolve(owner, e.Value, valueType, what, resolver))).ToList();
                return ValueConverter.BuildDictionary(valueType, entries);
            default:
                throw Mismatch(value.GetType().Name);
        }
    }

    private static object CheckAssignable(object instance, Type target, Func<string, Exception?, ObjectDefinitionException> mismatch)
        => target.IsInstanceOfType(instance) ? instance : throw mismatch($"an object of type {instance.GetType().FullName}", new InvalidCastException());

    private static string Describe(Type type) => type.FullName ?? type.Name;
}
