namespace Bhrpc.Serialization.MessagePack;

/// <summary>The field names of request and response bodies (PROTOCOL.md), as read from a map key.</summary>
internal enum MessagePackField
{
    /// <summary>A name this serializer does not know; its value is skipped.</summary>
    Unknown,

    /// <summary><c>className</c> (request).</summary>
    ClassName,

    /// <summary><c>methodName</c> (request).</summary>
    MethodName,

    /// <summary><c>parameterTypes</c> (request).</summary>
    ParameterTypes,

    /// <summary><c>parameters</c> (request).</summary>
    Parameters,

    /// <summary><c>version</c> (request).</summary>
    Version,

    /// <summary><c>group</c> (request).</summary>
    Group,

    /// <summary><c>async</c> (both).</summary>
    Async,

    /// <summary><c>oneway</c> (both).</summary>
    Oneway,

    /// <summary><c>attachments</c> (both).</summary>
    Attachments,

    /// <summary><c>result</c> (response).</summary>
    Result,

    /// <summary><c>error</c> (response).</summary>
    Error,

    /// <summary><c>errorType</c> (response).</summary>
    ErrorType,
}
