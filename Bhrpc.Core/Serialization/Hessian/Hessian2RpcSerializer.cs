using System.Buffers;
using Bhrpc.Extensions;
using Bhrpc.Protocol;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// The <c>hessian2</c> serializer, byte-compatible with Java bhrpc's (Caucho Hessian 4.0.38):
/// a body is a Hessian message (<c>'p' 2 0</c>, without the final <c>'z'</c>, as Java bhrpc
/// sends it; read with or without it) holding one object of class
/// <c>io.binghe.rpc.protocol.request.RpcRequest</c> or <c>io.binghe.rpc.protocol.response.RpcResponse</c>.
/// <c>parameterTypes</c> goes out as Java's <c>Class[]</c> (objects of class <c>java.lang.Class</c>
/// with a <c>name</c> field; a repeated class is a reference to the first, as Java writes it) and
/// is read from that or from strings. Reading is two-phase: the
/// arguments and the result are converted only into the declared types (see
/// <see cref="Hessian2Converter"/>); a class named on the wire is never loaded or constructed.
/// </summary>
/// <remarks>
/// Instances are stateless and thread-safe. When a write throws, the output may hold part of a
/// body: discard it.
/// </remarks>
[SpiClass("hessian2")]
public sealed class Hessian2RpcSerializer : IRpcSerializer
{
    internal const string RequestClass = "io.binghe.rpc.protocol.request.RpcRequest";
    internal const string ResponseClass = "io.binghe.rpc.protocol.response.RpcResponse";

    private readonly Hessian2Limits _limits;

    /// <summary>Creates the serializer with the default limits.</summary>
    public Hessian2RpcSerializer()
        : this(new Hessian2SerializerOptions())
    {
    }

    /// <summary>Creates the serializer with the given limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range; the message names it.</exception>
    public Hessian2RpcSerializer(Hessian2SerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limits = options.ToLimits();
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">An argument cannot be written (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteRequest(RpcRequest request, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var declared = request.ParameterClrTypes;
        if (declared is not null && declared.Length != request.Parameters.Length)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"{declared.Length} declared parameter types for {request.Parameters.Length} arguments.");
        }

        var writer = new Hessian2Writer(output);
        var values = new Hessian2ValueWriter(writer, _limits.MaxDepth);
        writer.WriteMessageStart();

        // Java's field order: String and primitive fields first (subclass, then RpcMessage), then the rest.
        writer.AddUnsharedRef();
        writer.WriteObjectStart(RequestClass, request.Attachments is null ? RequestFields : RequestFieldsWithAttachments);
        writer.WriteString(request.ClassName);
        writer.WriteString(request.MethodName);
        WriteNullable(writer, request.Version);
        WriteNullable(writer, request.Group);
        writer.WriteBoolean(request.Oneway);
        writer.WriteBoolean(request.Async);

        writer.AddUnsharedRef();
        writer.WriteListStart(request.ParameterTypes.Length, "[java.lang.Class");
        foreach (var name in request.ParameterTypes)
        {
            // A Class is one instance per name in Java: a repeat is written as a reference.
            if (!writer.TryWriteValueRef(typeof(Type), name))
            {
                writer.WriteObjectStart("java.lang.Class", ["name"]);
                writer.WriteString(name);
            }
        }

        writer.AddUnsharedRef();
        writer.WriteListStart(request.Parameters.Length, "[object");
        for (var i = 0; i < request.Parameters.Length; i++)
        {
            var value = request.Parameters[i];
            if (declared is not null && value is not null && !Fits(value, declared[i]))
            {
                throw new RpcException(RpcStatusCode.Serialization, $"argument {i} is a {value.GetType()}, not the declared {declared[i]}.");
            }

            Write(values, value, declared?[i], i);
        }

        if (request.Attachments is not null)
        {
            values.Write(request.Attachments.ToDictionary(), null);
        }
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid request (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedRequest ReadRequest(in ReadOnlySequence<byte> body)
    {
        var obj = ReadBody(body, "request");
        return new Hessian2DecodedRequest(Field(obj, "parameters") as HessianList ?? NullOr<HessianList>(obj, "parameters"), _limits)
        {
            ClassName = RequiredString(obj, "className"),
            MethodName = RequiredString(obj, "methodName"),
            ParameterTypes = ReadParameterTypes(Field(obj, "parameterTypes")),
            Version = OptionalString(obj, "version") ?? ServiceKey.DefaultVersion,
            Group = OptionalString(obj, "group") ?? string.Empty,
            Oneway = Flag(obj, "oneway"),
            Async = Flag(obj, "async"),
            Attachments = ReadAttachments(obj),
        };
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The result cannot be written (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteResponse(RpcResponse response, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(output);
        if (response.ResultClrType is { } declared && response.Result is not null && declared != typeof(void) && !Fits(response.Result, declared))
        {
            throw new RpcException(RpcStatusCode.Serialization, $"the result is a {response.Result.GetType()}, not the declared {declared}.");
        }

        var writer = new Hessian2Writer(output);
        var values = new Hessian2ValueWriter(writer, _limits.MaxDepth);
        writer.WriteMessageStart();
        var fields = new List<string>(6) { "error", "oneway", "async", "result" };
        if (response.ErrorType is not null)
        {
            fields.Add("errorType");
        }

        if (response.Attachments is not null)
        {
            fields.Add("attachments");
        }

        writer.AddUnsharedRef();
        writer.WriteObjectStart(ResponseClass, fields);
        WriteNullable(writer, response.Error);
        writer.WriteBoolean(response.Oneway);
        writer.WriteBoolean(response.Async);
        try
        {
            values.Write(response.Result, response.ResultClrType, boxed: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.Reflection.TargetInvocationException)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"the result cannot be written: {e.Message}", e);
        }

        if (response.ErrorType is not null)
        {
            writer.WriteString(response.ErrorType);
        }

        if (response.Attachments is not null)
        {
            values.Write(response.Attachments.ToDictionary(), null);
        }
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid response (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedResponse ReadResponse(in ReadOnlySequence<byte> body)
    {
        var obj = ReadBody(body, "response");
        return new Hessian2DecodedResponse(Field(obj, "result"), _limits)
        {
            Error = OptionalString(obj, "error"),
            ErrorType = OptionalString(obj, "errorType"),
            Oneway = Flag(obj, "oneway"),
            Async = Flag(obj, "async"),
            Attachments = ReadAttachments(obj),
        };
    }

    private static readonly string[] RequestFields =
        ["className", "methodName", "version", "group", "oneway", "async", "parameterTypes", "parameters"];

    private static readonly string[] RequestFieldsWithAttachments = [.. RequestFields, "attachments"];

    private static void Write(Hessian2ValueWriter values, object? value, Type? declared, int index)
    {
        try
        {
            // An argument is an element of Java's Object[]: boxed, whatever its declared type.
            values.Write(value, declared, boxed: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.Reflection.TargetInvocationException)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"argument {index} cannot be written: {e.Message}", e);
        }
    }

    private static bool Fits(object value, Type declared) =>
        declared.IsInstanceOfType(value) || Nullable.GetUnderlyingType(declared)?.IsInstanceOfType(value) == true;

    private static void WriteNullable(Hessian2Writer writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteString(value);
        }
    }

    private HessianObject ReadBody(in ReadOnlySequence<byte> body, string what)
    {
        var data = body.IsSingleSegment ? body.First : body.ToArray();
        var reader = new Hessian2Reader(data, _limits);
        reader.TryReadMessageStart();
        var value = reader.ReadValue();
        reader.ReadMessageEnd();
        return value as HessianObject
            ?? throw new RpcException(RpcStatusCode.Serialization, $"hessian2 body is not a {what} object.");
    }

    private static object? Field(HessianObject obj, string name) => obj.TryGetField(name, out var value) ? value : null;

    private static T? NullOr<T>(HessianObject obj, string name)
        where T : class =>
        Field(obj, name) is null ? null : throw new RpcException(RpcStatusCode.Serialization, $"hessian2 field '{name}' is not a {typeof(T).Name}.");

    private static string RequiredString(HessianObject obj, string name) =>
        Field(obj, name) as string ?? throw new RpcException(RpcStatusCode.Serialization, $"hessian2 request has no string field '{name}'.");

    private static string? OptionalString(HessianObject obj, string name) =>
        Field(obj, name) switch
        {
            null => null,
            string s => s,
            _ => throw new RpcException(RpcStatusCode.Serialization, $"hessian2 field '{name}' is not a string."),
        };

    private static bool Flag(HessianObject obj, string name) => Field(obj, name) is true;

    private static string[] ReadParameterTypes(object? value)
    {
        if (value is null)
        {
            return [];
        }

        if (value is not HessianList list)
        {
            throw new RpcException(RpcStatusCode.Serialization, "hessian2 field 'parameterTypes' is not a list.");
        }

        var names = new string[list.Items.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = list.Items[i] switch
            {
                string s => s,
                HessianObject o when o.TryGetField("name", out var n) && n is string s => s,
                _ => throw new RpcException(RpcStatusCode.Serialization, $"hessian2 parameterTypes[{i}] is neither a class nor a name."),
            };
        }

        return names;
    }

    private static Dictionary<string, string>? ReadAttachments(HessianObject obj)
    {
        if (Field(obj, "attachments") is not HessianMap map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(map.Entries.Count);
        foreach (var (k, v) in map.Entries)
        {
            if (k is string key && v is string s)
            {
                result[key] = s;
            }
        }

        return result;
    }
}
