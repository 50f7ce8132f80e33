using System.Reflection;
using Bhrpc.Attributes;
using Bhrpc.Extensions;

namespace Bhrpc.Injection;

/// <summary>One field or property marked <see cref="RpcReferenceAttribute"/>, and how to set it.</summary>
public sealed class ReferenceMember
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;

    private ReferenceMember(MemberInfo member, Type memberType, RpcReferenceAttribute attribute, FieldInfo? field, PropertyInfo? property)
    {
        Member = member;
        MemberType = memberType;
        Attribute = attribute;
        _field = field;
        _property = property;
    }

    /// <summary>The field or property.</summary>
    public MemberInfo Member { get; }

    /// <summary>The field's or property's type: the service interface.</summary>
    public Type MemberType { get; }

    /// <summary>The reference's settings.</summary>
    public RpcReferenceAttribute Attribute { get; }

    /// <summary>The member for messages: <c>Namespace.Type.member</c>.</summary>
    public string Name => $"{Member.DeclaringType!.FullName}.{Member.Name}";

    /// <summary>The member's <see cref="RpcFilterSpecAttribute"/>s: filters with settings.</summary>
    public IReadOnlyList<RpcFilterSpecAttribute> FilterSpecs => [.. Member.GetCustomAttributes<RpcFilterSpecAttribute>(inherit: false)];

    /// <summary>The member's <see cref="RpcRouterSpecAttribute"/>s: routers with settings.</summary>
    public IReadOnlyList<RpcRouterSpecAttribute> RouterSpecs => [.. Member.GetCustomAttributes<RpcRouterSpecAttribute>(inherit: false)];

    /// <summary>The member's <see cref="RpcMethodAttribute"/>s: per-method settings.</summary>
    public IReadOnlyList<RpcMethodAttribute> Methods => [.. Member.GetCustomAttributes<RpcMethodAttribute>(inherit: false)];

    /// <summary>
    /// The validated options of this reference: the <see cref="RpcReferenceAttribute"/>, then the member's filter,
    /// router and method attributes, every extension name checked against <paramref name="extensions"/>.
    /// </summary>
    /// <param name="defaults">The front end's consumer defaults, or null.</param>
    /// <param name="extensions">The loader of the client that makes the proxy.</param>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: a setting is invalid; the message names the member.</exception>
    public ReferenceOptions ToReferenceOptions(ConsumerDefaults? defaults, ExtensionLoader extensions)
        => Attribute.ToReferenceOptions(MemberType, defaults, Name, extensions, AddMemberSettings);

    /// <summary>The options before Core's validation (see <see cref="RpcReferenceAttribute.CreateReferenceOptions"/>), with the member's filter, router and method attributes.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an attribute's own value is invalid.</exception>
    public ReferenceOptions CreateReferenceOptions(ConsumerDefaults? defaults)
        => Attribute.CreateReferenceOptions(MemberType, defaults, Name, AddMemberSettings);

    private void AddMemberSettings(ReferenceOptions options)
    {
        foreach (var filter in FilterSpecs)
        {
            ExtensionChecks.AddOrMerge(options.Filters, filter.ToSpec($"[RpcFilterSpec(\"{filter.Name}\")] on {Name}"));
        }

        foreach (var router in RouterSpecs)
        {
            ExtensionChecks.AddOrMerge(options.Routers, router.ToSpec($"[RpcRouterSpec(\"{router.Name}\")] on {Name}"));
        }

        foreach (var method in Methods)
        {
            options.Methods.Add(method.ToMethodOptions(Name));
        }
    }

    /// <summary>The marked field, or null when the field is not marked.</summary>
    public static ReferenceMember? For(FieldInfo field)
    {
        var attribute = field.GetCustomAttribute<RpcReferenceAttribute>(inherit: false);
        return attribute is null ? null : new ReferenceMember(field, field.FieldType, attribute, field, null);
    }

    /// <summary>The marked property, or null when the property is not marked.</summary>
    /// <exception cref="RpcException">The property is marked but has no setter.</exception>
    public static ReferenceMember? For(PropertyInfo property)
    {
        var attribute = property.GetCustomAttribute<RpcReferenceAttribute>(inherit: false);
        if (attribute is null)
        {
            return null;
        }

        if (property.GetSetMethod(nonPublic: true) is null)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"[RpcReference] on {property.DeclaringType!.FullName}.{property.Name}: the property has no setter; add a (private) setter or mark a field.");
        }

        return new ReferenceMember(property, property.PropertyType, attribute, null, property);
    }

    /// <summary>Sets the member of <paramref name="target"/> to <paramref name="proxy"/> (readonly fields included).</summary>
    public void Set(object target, object proxy)
    {
        if (_field is not null)
        {
            _field.SetValue(target, proxy);
        }
        else
        {
            _property!.SetValue(target, proxy);
        }
    }
}
