namespace Bhrpc.Serialization.Hessian;

/// <summary>A response body after phase one; keeps the <c>result</c> value as read for phase two.</summary>
internal sealed class Hessian2DecodedResponse(object? result, Hessian2Limits limits) : DecodedResponse
{
    public override object? ReadResult(Type? resultType)
    {
        // null stays null even for a value type: the caller decides what a null result means.
        if (resultType is null || resultType == typeof(void) || result is null)
        {
            return null;
        }

        try
        {
            return new Hessian2Converter(limits.MaxDepth).Convert(result, resultType);
        }
        catch (Exception e) when (e is RpcException or InvalidCastException or ArgumentException or FormatException or OverflowException or System.Reflection.TargetInvocationException)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"the result is not a valid {resultType}: {e.Message}", e);
        }
    }
}
