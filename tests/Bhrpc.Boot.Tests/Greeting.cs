using Bhrpc.Attributes;

namespace Bhrpc.Boot.Tests;

/// <summary>The contract the tests export and call.</summary>
public interface IGreeter
{
    string Hello(string name);

    /// <summary>Waits for <see cref="Gate.Release"/>; takes a token so that a service-side method timeout (<c>Services:{i}:Methods:SlowAsync:Timeout</c>) can apply.</summary>
    Task<string> SlowAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A second contract, called by a service that holds an <c>[RpcReference]</c> field.</summary>
public interface IFrontDesk
{
    string Welcome(string name);
}

/// <summary>Lets a test hold a call in flight: <see cref="Entered"/> completes when a slow call starts; the call finishes on <see cref="Release"/>.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public Task Released => _released.Task;

    public void Enter() => _entered.TrySetResult();

    public void Release() => _released.TrySetResult();
}

[RpcService(typeof(IGreeter))]
public sealed class Greeter(Gate gate) : IGreeter
{
    public string Hello(string name) => "hello " + name;

    public async Task<string> SlowAsync(string name, CancellationToken cancellationToken = default)
    {
        gate.Enter();
        await gate.Released.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return "slow " + name;
    }
}

/// <summary>A consumer component: the greeter comes by constructor injection.</summary>
public sealed class Lobby(IGreeter greeter)
{
    public string Greet(string name) => greeter.Hello(name);
}

/// <summary>A consumer component whose greeter comes by <c>[RpcReference]</c> field injection.</summary>
public sealed class FieldLobby
{
    [RpcReference(Timeout = 5000)]
    private readonly IGreeter _greeter = null!;

    public string Greet(string name) => _greeter.Hello(name);
}

/// <summary>Exported by scanning; calls the greeter through an <c>[RpcReference]</c> field.</summary>
[RpcService(typeof(IFrontDesk), Version = "2.0.0")]
public sealed class FrontDesk : IFrontDesk
{
    [RpcReference]
    private readonly IGreeter _greeter = null!;

    public string Welcome(string name) => "welcome, " + _greeter.Hello(name);
}
