using System.Net;
using System.Net.Http.Headers;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// A small client of etcd's HTTP/JSON gateway (<c>/v3/…</c>, etcd 3.4 and later). Each call tries
/// the addresses in turn, starting with the one that answered last, until one answers; a call
/// that no address answers fails with an <see cref="EtcdException"/> that
/// <see cref="EtcdException.IsUnavailable"/>.
/// </summary>
internal sealed partial class EtcdClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly Uri[] _endpoints;
    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;
    private int _current;

    /// <param name="endpoints">The gateway addresses, <c>host:port</c>.</param>
    /// <param name="requestTimeout">How long one address may take to answer one call (a watch: to start streaming).</param>
    public EtcdClient(IReadOnlyList<(string Host, int Port)> endpoints, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentOutOfRangeException.ThrowIfZero(endpoints.Count);
        _endpoints = [.. endpoints.Select(static e => new UriBuilder(Uri.UriSchemeHttp, e.Host, e.Port).Uri)];
        _requestTimeout = requestTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = requestTimeout,

            // An etcd that restarted leaves dead connections in the pool; do not keep them long.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            // Watches live as long as they are wanted; unary calls are bounded per call instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The address tried first by the next call (the last one that answered).</summary>
    public string CurrentEndpoint => Describe(_endpoints[Volatile.Read(ref _current)]);

    /// <summary>Closes every connection; running watches end.</summary>
    public void Dispose() => _http.Dispose();

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> and returns the whole success answer.</summary>
    private async Task<byte[]> PostAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        var (response, _) = await SendAsync(path, body, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends to the addresses in turn until one gives an answer other than "unavailable". A success
    /// is returned undisposed; an error answer throws its <see cref="EtcdException"/>.
    /// </summary>
    private async Task<(HttpResponseMessage Response, string Endpoint)> SendAsync(string path, byte[] body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var start = Volatile.Read(ref _current);
        var failures = new List<string>(_endpoints.Length);
        Exception? last = null;
        for (var i = 0; i < _endpoints.Length; i++)
        {
            var index = (start + i) % _endpoints.Length;
            var endpoint = _endpoints[index];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_requestTimeout);
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path))
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = s_json } },
                    Version = HttpVersion.Version11,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                response = await _http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Volatile.Write(ref _current, index);
                    return (response, Describe(endpoint));
                }

                var error = EtcdResponses.ReadError(await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false), response.StatusCode);
                response.Dispose();
                if (!error.IsUnavailable)
                {
                    // A definite answer from etcd (the lease is gone, the request is wrong): another address would say the same.
                    Volatile.Write(ref _current, index);
                    throw error;
                }

                last = error;
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                last = new TimeoutException($"no answer within {_requestTimeout.TotalMilliseconds:0} ms", e);
            }
            catch (IOException e)
            {
                last = e;
            }
            catch
            {
                response?.Dispose();
                throw;
            }

            response?.Dispose();
            failures.Add($"{Describe(endpoint)}: {last.Message}");
        }

        throw new EtcdException(EtcdException.Unavailable, $"no etcd gateway answered {path} ({string.Join("; ", failures)})", last);
    }

    private static string Describe(Uri endpoint) => endpoint.Authority;
}
