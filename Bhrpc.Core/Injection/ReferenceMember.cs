using System.Reflection;
using Bhrpc.Attributes;

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
