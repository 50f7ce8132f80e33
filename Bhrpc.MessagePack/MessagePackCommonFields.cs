using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>The fields requests and responses share (<c>async</c>, <c>oneway</c>, <c>attachments</c>), read the same way in both.</summary>
internal struct MessagePackCommonFields
{
    public bool Async;
    public bool Oneway;
    public Dictionary<string, string>? Attachments;

    /// <summary>Reads <paramref name="field"/>'s value when it is one of the shared fields; false (nothing read) otherwise.</summary>
    public bool TryRead(MessagePackField field, ref MessagePackReader reader)
    {
        switch (field)
        {
            case MessagePackField.Async:
                Async = MessagePackBodyReader.ReadBoolean(ref reader, "async");
                return true;
            case MessagePackField.Oneway:
                Oneway = MessagePackBodyReader.ReadBoolean(ref reader, "oneway");
                return true;
            case MessagePackField.Attachments:
                Attachments = MessagePackBodyReader.ReadAttachments(ref reader);
                return true;
            default:
                return false;
        }
    }
}
