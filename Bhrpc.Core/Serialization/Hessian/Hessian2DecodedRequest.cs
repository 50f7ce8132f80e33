namespace Bhrpc.Serialization.Hessian;

/// <summary>A request body after phase one; keeps the <c>parameters</c> list as read for phase two.</summary>
internal sealed class Hessian2DecodedRequest(HessianList? parameters, Hessian2Limits limits) : DecodedRequest
{
    public override object?[] ReadParameters(IReadOnlyList<Type> parameterTypes)
    {
        var count = parameters?.Items.Count ?? 0;
        CheckArgumentCount(parameterTypes, count);

        var values = new object?[count];
        var converter = new Hessian2Converter(limits.MaxDepth);
        for (var i = 0; i < count; i++)
        {
            var type = parameterTypes[i];
            try
            {
                values[i] = converter.Convert(parameters!.Items[i], type);
            }
            catch (Exception e) when (e is RpcException or InvalidCastException or ArgumentException or FormatException or OverflowException or System.Reflection.TargetInvocationException)
            {
                throw new RpcException(
                    RpcStatusCode.Serialization,
                    $"argument {i} of {ClassName}.{MethodName} is not a valid {type}: {e.Message}",
                    e);
            }
        }

        return values;
    }
}
