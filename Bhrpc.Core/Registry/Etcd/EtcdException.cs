namespace Bhrpc.Registry.Etcd;

/// <summary>
/// A failed call to etcd's HTTP/JSON gateway: either an answer from etcd with a gRPC status
/// code, or no answer at all (every address failed), which counts as <see cref="Unavailable"/>.
/// </summary>
internal sealed class EtcdException : Exception
{
    /// <summary>gRPC <c>UNKNOWN</c>: a failure etcd gave no code for, or an answer this client cannot read.</summary>
    public const int Unknown = 2;

    /// <summary>gRPC <c>NOT_FOUND</c>: for example a lease that expired or was revoked.</summary>
    public const int NotFound = 5;

    /// <summary>gRPC <c>UNAVAILABLE</c>: no gateway answered, or etcd has no leader right now.</summary>
    public const int Unavailable = 14;

    public EtcdException(int code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The gRPC status code etcd answered with (<see cref="Unavailable"/> when nothing answered).</summary>
    public int Code { get; }

    /// <summary>True when retrying later (or at another address) may succeed.</summary>
    public bool IsUnavailable => Code == Unavailable;

    /// <summary>True when etcd said the lease (or key) does not exist.</summary>
    public bool IsNotFound => Code == NotFound;
}
