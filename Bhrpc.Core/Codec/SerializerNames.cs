using System.Text;

namespace Bhrpc.Codec;

/// <summary>Interns serializer names read from headers, so that parsing a header allocates nothing for the common names.</summary>
internal static class SerializerNames
{
    private static readonly string[] s_common = ["json", "hessian2", "protobuf", "protostuff", "jdk", "kryo", "fst"];
    private static readonly byte[][] s_commonBytes = [.. s_common.Select(Encoding.ASCII.GetBytes)];

    public static string Get(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < s_commonBytes.Length; i++)
        {
            if (name.SequenceEqual(s_commonBytes[i]))
            {
                return s_common[i];
            }
        }

        // Non-ASCII bytes become '?', which no registered serializer name contains.
        return Encoding.ASCII.GetString(name);
    }
}
