using Bhrpc.Attributes;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>Java bhrpc's async flag is a check in .NET: the method signatures decide, so async=true must match them.</summary>
public sealed class AsyncFlagTests
{
    public interface IAllAsync
    {
        Task<string> GetAsync(string key);

        ValueTask PutAsync(string key);
    }

    [Test]
    public void CreateReferenceOptions_AsyncOnAnInterfaceWithSynchronousMethods_IsRefusedNamingThem()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute { Async = true }.CreateReferenceOptions(typeof(IAuditLog), null, "Shop.Cart._audit"))!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("Shop.Cart._audit").And.Contain("Async is true, but Audit of").And.Contain("are synchronous"));
    }

    [Test]
    public void CreateReferenceOptions_AsyncOnAnAllAsynchronousInterface_IsAccepted()
        => Assert.That(() => new RpcReferenceAttribute { Async = true }.CreateReferenceOptions(typeof(IAllAsync), null, "Shop.Cart._store"), Throws.Nothing);
}
