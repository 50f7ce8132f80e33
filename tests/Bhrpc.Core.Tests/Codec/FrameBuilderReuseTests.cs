using System.Buffers;
using Bhrpc.Codec;
using Bhrpc.Protocol;

namespace Bhrpc.Tests.Codec;

/// <summary>A thread reuses its frame builder; a frame built with a reused one is complete and independent.</summary>
public sealed class FrameBuilderReuseTests
{
    private static readonly byte[] s_json = FrameCodec.PadSerializerName("json");

    [Test]
    public void Rent_AfterComplete_ReusesTheBuilderAndTheFramesAreIndependent()
    {
        var first = FrameBuilder.Rent(1 << 20);
        first.Write("first body"u8);
        var one = first.Complete(MessageType.Request, 1, 1, s_json);

        var second = FrameBuilder.Rent(64);
        second.Write("second"u8);
        var two = second.Complete(MessageType.Request, 1, 2, s_json);

        Assert.That(second, Is.SameAs(first));
        Assert.That(one.Span[RpcHeader.Size..].ToArray(), Is.EqualTo("first body"u8.ToArray()), "the first frame kept its own buffer");
        Assert.That(two.Span[RpcHeader.Size..].ToArray(), Is.EqualTo("second"u8.ToArray()));
        one.Return();
        two.Return();
    }

    [Test]
    public void Rent_WhileAnotherIsOpen_GivesADifferentBuilder()
    {
        var outer = FrameBuilder.Rent(1 << 20);
        var inner = FrameBuilder.Rent(1 << 20);

        Assert.That(inner, Is.Not.SameAs(outer));
        inner.Abandon();
        outer.Abandon();
    }

    [Test]
    public void Reused_KeepsTheLimitItWasRentedWith()
    {
        FrameBuilder.Rent(1 << 20).Abandon();
        var small = FrameBuilder.Rent(4);
        small.Write("too long"u8);

        var error = Assert.Throws<RpcException>(() => small.Complete(MessageType.Request, 1, 3, s_json))!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
    }
}
