using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Serialization.Protobuf;

/// <summary>A provider of <see cref="ICustomerDirectory"/> on an ephemeral loopback port, a local registry in a temp folder, and a client.</summary>
internal sealed class CustomerDirectoryHost : IAsyncDisposable
{
    private readonly TempFolder _registryFolder;
    private readonly RpcServer _server;

    private CustomerDirectoryHost(TempFolder registryFolder, RpcServer server, RpcClient client)
    {
        _registryFolder = registryFolder;
        _server = server;
        Client = client;
    }

    public RpcClient Client { get; }

    public static async Task<CustomerDirectoryHost> StartAsync(CustomerDirectory service)
    {
        var folder = new TempFolder();
        var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", folder.Path)
            .AddService<ICustomerDirectory>(service)
            .StartAsync()
            .WithTimeout();
        var client = new RpcClient(new ClientOptions { Registry = new RegistryOptions { Type = "local", Address = folder.Path } });
        return new CustomerDirectoryHost(folder, server, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().AsTask().WithTimeout();
        await _server.DisposeAsync().AsTask().WithTimeout();
        _registryFolder.Dispose();
    }
}
