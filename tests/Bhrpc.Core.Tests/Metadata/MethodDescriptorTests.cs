using Bhrpc.Client.Internal;
using Bhrpc.Metadata;

namespace Bhrpc.Tests.Metadata;

public sealed class MethodDescriptorTests
{
    public interface IShapes
    {
        void V(int a);

        int Value(string s, long[] values);

        Task T();

        Task<string> TOfT(List<int> list);

        ValueTask VT();

        ValueTask<int?> VTOfT();
    }

    public interface IClash
    {
        void M(List<int> a);

        void M(IReadOnlyList<int> a);
    }

    public interface IGeneric
    {
        T Get<T>();
    }

    private static MethodDescriptor Describe(string name) => ServiceDescriptor.For(typeof(IShapes)).ByMethod[typeof(IShapes).GetMethod(name)!];

    [TestCase(nameof(IShapes.V), ReturnKind.Void, null, "V(int)")]
    [TestCase(nameof(IShapes.Value), ReturnKind.Value, typeof(int), "Value(java.lang.String,[J)")]
    [TestCase(nameof(IShapes.T), ReturnKind.Task, null, "T()")]
    [TestCase(nameof(IShapes.TOfT), ReturnKind.TaskOfT, typeof(string), "TOfT(java.util.List)")]
    [TestCase(nameof(IShapes.VT), ReturnKind.ValueTask, null, "VT()")]
    [TestCase(nameof(IShapes.VTOfT), ReturnKind.ValueTaskOfT, typeof(int?), "VTOfT()")]
    public void Describe_ReturnShapeResultTypeAndSignature(string name, ReturnKind kind, Type? resultType, string signature)
    {
        var method = Describe(name);
        Assert.Multiple(() =>
        {
            Assert.That(method.ReturnKind, Is.EqualTo(kind));
            Assert.That(method.ResultType, Is.EqualTo(resultType));
            Assert.That(method.Signature, Is.EqualTo(signature));
        });
    }

    [Test]
    public async Task PendingCall_TaskOfT_IsTheTaskTheProxyReturns()
    {
        var call = new MethodPlan(Describe(nameof(IShapes.TOfT)), new ReferenceOptions { Interface = typeof(IShapes) }, TimeProvider.System).NewCall("key");
        var task = (Task<string>)call.ToReturnValue()!;
        Assert.That(task.IsCompleted, Is.False);
        call.TrySetResult("x");
        Assert.That(await task, Is.EqualTo("x"));
    }

    [Test]
    public async Task PendingCall_ValueTaskOfNullable_CompletesWithNull()
    {
        var call = new MethodPlan(Describe(nameof(IShapes.VTOfT)), new ReferenceOptions { Interface = typeof(IShapes) }, TimeProvider.System).NewCall("key");
        call.TrySetResult(null);
        Assert.That(await (ValueTask<int?>)call.ToReturnValue()!, Is.Null);
    }

    [Test]
    public void PendingCall_SyncValueTypeWithNullResult_ReturnsDefault()
    {
        var call = new MethodPlan(Describe(nameof(IShapes.Value)), new ReferenceOptions { Interface = typeof(IShapes) }, TimeProvider.System).NewCall("key");
        call.TrySetResult(null);
        Assert.That(call.ToReturnValue(), Is.EqualTo(0));
    }

    [Test]
    public void PendingCall_SyncFailure_ThrowsTheRpcException()
    {
        var call = new MethodPlan(Describe(nameof(IShapes.V)), new ReferenceOptions { Interface = typeof(IShapes) }, TimeProvider.System).NewCall("key");
        call.TrySetException(new RpcException(RpcStatusCode.Timeout, "late"));
        Assert.That(() => call.ToReturnValue(), Throws.TypeOf<RpcException>().With.Message.EqualTo("late"));
    }

    [Test]
    public async Task AwaitReturned_AwaitsTasks()
    {
        Assert.That(await Describe(nameof(IShapes.TOfT)).AwaitReturnedAsync(Task.FromResult("r")), Is.EqualTo("r"));
        Assert.That(await Describe(nameof(IShapes.VTOfT)).AwaitReturnedAsync(new ValueTask<int?>(5)), Is.EqualTo(5));
        Assert.That(await Describe(nameof(IShapes.T)).AwaitReturnedAsync(Task.CompletedTask), Is.Null);
    }

    [Test]
    public void SamePortableSignature_IsRefusedWithAClearMessage()
    {
        var error = Assert.Throws<RpcException>(() => ServiceDescriptor.For(typeof(IClash)));
        Assert.That(error!.Message, Does.Contain("M(java.util.List)").And.Contain("PortableName"));
    }

    [Test]
    public void GenericMethod_IsRefused()
        => Assert.That(() => ServiceDescriptor.For(typeof(IGeneric)), Throws.TypeOf<RpcException>().With.Message.Contains("type parameters"));
}
