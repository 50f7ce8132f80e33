using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The socket of one client connection and its receive thread. The thread opens the connection
/// (a blocking connect bounded by <see cref="ClientOptions.ConnectTimeout"/>), hands the socket to
/// the send thread (<see cref="Outbox"/>), then receives into a pipe whose reader, the connection's
/// read loop, runs inline on this thread. No step needs a thread-pool thread: responses reach
/// their sync callers even when every pool thread is blocked in a sync call.
/// </summary>
internal sealed partial class ClientSocket : IDisposable
{
    private const int ReceiveSize = 16 * 1024;

    // How often a connect that is still under way checks the (injectable) clock against its timeout.
    private static readonly TimeSpan ConnectPollSlice = TimeSpan.FromMilliseconds(100);

    private readonly string _host;
    private readonly int _port;
    private readonly string _address;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly object _gate = new();

    // The reader runs inline on the thread that flushes (this socket's receive thread); the writer
    // never pauses, so a flush always returns after the read loop has taken what it can.
    private readonly Pipe _pipe = new(new PipeOptions(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        minimumSegmentSize: ReceiveSize,
        useSynchronizationContext: false));

    private Socket? _socket;
    private Action? _onConnected;
    private bool _disposed;
    private volatile bool _connected;

    public ClientSocket(string host, int port, string address, TimeSpan connectTimeout, TimeProvider timeProvider, ILogger logger)
    {
        _host = host;
        _port = port;
        _address = address;
        _connectTimeout = connectTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
        Outbox = new SocketFrameOutbox(address);
    }

    /// <summary>What the peer sends.</summary>
    public PipeReader Input => _pipe.Reader;

    /// <summary>Where frames to the peer wait; they go out once the connection is open.</summary>
    public SocketFrameOutbox Outbox { get; }

    /// <summary>Whether the connection was ever opened.</summary>
    public bool WasConnected => _connected;

    /// <summary>Starts the receive thread, which connects first and then calls <paramref name="onConnected"/>.</summary>
    public void Start(Action onConnected)
    {
        _onConnected = onConnected;
        var thread = new Thread(Run) { IsBackground = true, Name = "bhrpc receive " + _address };

        // The thread serves every caller of the connection: it takes on no caller's execution context.
        thread.UnsafeStart();
    }

    /// <summary>Closes the socket (also one still connecting); a blocked receive or send ends with an error.</summary>
    public void Dispose()
    {
        Socket? socket;
        lock (_gate)
        {
            _disposed = true;
            socket = _socket;
        }

        socket?.Dispose();
    }

    private void Run()
    {
        var writer = _pipe.Writer;
        Socket socket;
        try
        {
            socket = Connect();
        }
        catch (Exception e)
        {
            // The read loop ends with this error and the connection fails what waits on it.
            writer.Complete(e as RpcException ?? Failed(e.Message, e));
            return;
        }

        _connected = true;
        Outbox.Connected(socket);
        Log.Connected(_logger, _address);
        _onConnected!();
        Exception? error = null;
        try
        {
            while (true)
            {
                var read = socket.Receive(writer.GetMemory(ReceiveSize).Span);
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);

                // Runs the read loop on this thread; it never waits (the writer does not pause).
                if (writer.FlushAsync().GetAwaiter().GetResult().IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            // A reset, or the socket closed under the receive by the connection's close; the read
            // loop reports it. Nothing may escape a thread of its own.
            error = e;
        }

        writer.Complete(error);
    }

    private Socket Connect()
    {
        var started = _timeProvider.GetTimestamp();
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(_host, out var literal) ? [literal] : Dns.GetHostAddresses(_host);
        }
        catch (SocketException e)
        {
            throw Failed($"the host name '{_host}' could not be resolved ({e.Message})", e);
        }

        Exception? last = null;
        foreach (var ip in addresses)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            lock (_gate)
            {
                if (_disposed)
                {
                    socket.Dispose();
                    throw Failed("the connection was closed while it was opening", null);
                }

                _socket = socket;
            }

            try
            {
                ConnectOne(socket, new IPEndPoint(ip, _port), started);
                return socket;
            }
            catch (SocketException e)
            {
                last = e;
                socket.Dispose();
            }
            catch (ObjectDisposedException e)
            {
                throw Failed("the connection was closed while it was opening", e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw Failed(last?.Message ?? $"'{_host}' has no address", last);
    }

    /// <summary>A non-blocking connect, waited for on this thread in slices so that the injected clock bounds it.</summary>
    private void ConnectOne(Socket socket, IPEndPoint endPoint, long started)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Under way: finished below.
        }

        while (true)
        {
            var left = _connectTimeout - _timeProvider.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw Failed($"no connection within ClientOptions.ConnectTimeout ({_connectTimeout.TotalMilliseconds:F0} ms); raise it if the provider is slow to accept", null);
            }

            if (socket.Poll(left < ConnectPollSlice ? left : ConnectPollSlice, SelectMode.SelectWrite))
            {
                break;
            }
        }

        // Writable means finished: connected, or failed with the error the socket keeps.
        var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success)
        {
            throw new SocketException((int)error);
        }

        socket.Blocking = true;
    }

    private RpcException Failed(string detail, Exception? inner)
        => new(RpcStatusCode.ConnectionClosed, $"could not connect to {_address}: {detail}", inner);

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ConnectionPool + 0, LogLevel.Debug, "Connected to {Address}")]
        public static partial void Connected(ILogger logger, string address);
    }
}
