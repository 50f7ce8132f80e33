using Bhrpc.Metadata;
using Bhrpc.MicroBench.Services;
using Bhrpc.Protocol;

namespace Bhrpc.MicroBench.Serialization;

/// <summary>One call of <see cref="IBenchService"/> as the client and the server build it: the method, its arguments and its result.</summary>
internal sealed class SampleCall
{
    private SampleCall(string signature, object?[] arguments, object? result)
    {
        Method = ServiceDescriptor.For(typeof(IBenchService)).Methods[signature];
        Arguments = arguments;
        Result = result;
    }

    public MethodDescriptor Method { get; }

    public object?[] Arguments { get; }

    public object? Result { get; }

    /// <summary>The call for <paramref name="payload"/>; with <c>protobuf</c> the order travels as its protobuf message.</summary>
    public static SampleCall For(Payload payload, string serializer = "json") => payload switch
    {
        Payload.Echo => new SampleCall("Echo(java.lang.String)", [SampleData.EchoText], SampleData.EchoText),
        Payload.Order when serializer == "protobuf" => new SampleCall(
            $"SubmitMessage({typeof(Services.Proto.OrderMessage).FullName})", [SampleData.NewOrderMessage()], SampleData.NewOrderMessage()),
        Payload.Order => new SampleCall($"Submit({typeof(Order).FullName})", [SampleData.NewOrder()], SampleData.NewOrder()),
        _ => throw new ArgumentOutOfRangeException(nameof(payload), payload, "expected Echo or Order."),
    };

    /// <summary>The request as <c>ReferenceInvoker</c> builds it.</summary>
    public RpcRequest Request() => new()
    {
        ClassName = typeof(IBenchService).FullName!,
        MethodName = Method.Name,
        ParameterTypes = Method.PortableParameterTypes,
        Parameters = Arguments,
        ParameterClrTypes = Method.ParameterTypes,
    };

    /// <summary>The successful response as <c>ServiceDispatcher</c> builds it.</summary>
    public RpcResponse Response() => new() { Result = Result, ResultClrType = Method.ResultType };
}
