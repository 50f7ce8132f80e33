using BenchmarkDotNet.Attributes;
using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Bhrpc.MicroBench.Services;
using Bhrpc.Reflect;
using Bhrpc.Server.Internal;

namespace Bhrpc.MicroBench.Dispatch;

/// <summary>
/// The server's steps between a decoded request and its result, as <c>ServiceDispatcher</c> runs
/// them: resolve the method (look the request's name and portable parameter types up in the
/// exported service's method table, by value, without building a signature), call it
/// through the <c>reflection</c> <see cref="IReflectInvoker"/>, and turn what it returned into the
/// value to send (<c>MethodDescriptor.AwaitReturnedAsync</c>).
/// </summary>
[MemoryDiagnoser]
public class InvokeBenchmarks
{
    private readonly BenchService _service = new();
    private ExportedService _exported = null!;
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
        var options = new ServiceOptions { ServiceType = typeof(IBenchService), Implementation = _service };
        _exported = new ExportedService(options, ServiceDescriptor.For(typeof(IBenchService)));
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
        return _exported.Methods.TryGetValue(new MethodKey(_methodName, _portableParameterTypes), out var method)
            ? method
            : throw new InvalidOperationException($"no method {_methodName}.");
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
