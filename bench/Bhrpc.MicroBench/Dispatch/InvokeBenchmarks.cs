using BenchmarkDotNet.Attributes;
using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Bhrpc.MicroBench.Services;
using Bhrpc.Reflect;

namespace Bhrpc.MicroBench.Dispatch;

/// <summary>
/// The server's steps between a decoded request and its result, as <c>ServiceDispatcher</c> runs
/// them: resolve the method (build the signature from the request's name and portable parameter
/// types, look it up in the exported service's <see cref="ServiceDescriptor.Methods"/>), call it
/// through the <c>reflection</c> <see cref="IReflectInvoker"/>, and turn what it returned into the
/// value to send (<c>MethodDescriptor.AwaitReturnedAsync</c>).
/// </summary>
[MemoryDiagnoser]
public class InvokeBenchmarks
{
    private readonly BenchService _service = new();
    private ServiceDescriptor _descriptor = null!;
    private IReflectInvoker _invoker = null!;
    private MethodDescriptor _method = null!;
    private string _methodName = string.Empty;
    private string[] _portableParameterTypes = [];
    private object?[] _arguments = [];

    [Params(DispatchedMethod.Echo, DispatchedMethod.AddAsync)]
    public DispatchedMethod Target { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The server looks the descriptor up once per exported service, not per call.
        _descriptor = ServiceDescriptor.For(typeof(IBenchService));
        _invoker = ExtensionLoader.Shared.Create<IReflectInvoker>("reflection");
        (_methodName, _portableParameterTypes, _arguments) = Target switch
        {
            DispatchedMethod.Echo => ("Echo", new[] { "java.lang.String" }, new object?[] { SampleData.EchoText }),
            DispatchedMethod.AddAsync => ("AddAsync", ["int", "int"], [1, 2]),
            _ => throw new ArgumentOutOfRangeException(nameof(Target), Target, "expected Echo or AddAsync."),
        };
        _method = Resolve();
    }

    [Benchmark]
    public MethodDescriptor Resolve()
    {
        var signature = MethodDescriptor.BuildSignature(_methodName, _portableParameterTypes);
        return _descriptor.Methods.TryGetValue(signature, out var method)
            ? method
            : throw new InvalidOperationException($"no method {signature}.");
    }

    [Benchmark]
    public ValueTask<object?> InvokeAndAwait() => InvokeAsync(_method);

    [Benchmark]
    public ValueTask<object?> ResolveInvokeAndAwait() => InvokeAsync(Resolve());

    private ValueTask<object?> InvokeAsync(MethodDescriptor method)
    {
        var returned = _invoker.Invoke(_service, method.Method, _arguments);
        return method.AwaitReturnedAsync(returned);
    }
}
