package io.binghe.rpc.protocol.request;

import io.binghe.rpc.protocol.base.RpcMessage;

/** Java bhrpc's RpcRequest, as the interop tests need it. */
public class RpcRequest extends RpcMessage {
    private String className;
    private String methodName;
    private Class<?>[] parameterTypes;
    private Object[] parameters;
    private String version;
    private String group;
    public String getClassName() { return className; }
    public void setClassName(String v) { className = v; }
    public String getMethodName() { return methodName; }
    public void setMethodName(String v) { methodName = v; }
    public Class<?>[] getParameterTypes() { return parameterTypes; }
    public void setParameterTypes(Class<?>[] v) { parameterTypes = v; }
    public Object[] getParameters() { return parameters; }
    public void setParameters(Object[] v) { parameters = v; }
    public String getVersion() { return version; }
    public void setVersion(String v) { version = v; }
    public String getGroup() { return group; }
    public void setGroup(String v) { group = v; }
}
