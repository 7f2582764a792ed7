package io.tinykube.server.patch;

import io.tinykube.server.schema.FieldSchema;

/**
 * Schemas for the tests, with the patch metadata the Kubernetes OpenAPI documents carry
 * ({@code x-kubernetes-patch-strategy} / {@code x-kubernetes-patch-merge-key}) for the fields used, plus
 * {@code MergeItem}, the struct upstream's {@code strategicpatch/patch_test.go} runs its cases on.
 */
final class TestSchemas {
    private TestSchemas() {
    }

    static final String DEFINITIONS = """
            {
              "ObjectMeta": {"type": "object", "properties": {
                "name": {"type": "string"},
                "namespace": {"type": "string"},
                "uid": {"type": "string"},
                "resourceVersion": {"type": "string"},
                "generation": {"type": "integer"},
                "creationTimestamp": {"type": "string"},
                "labels": {"type": "map", "values": {"type": "string"}},
                "annotations": {"type": "map", "values": {"type": "string"}},
                "finalizers": {"type": "array", "items": {"type": "string"}, "patchStrategy": "merge",
                               "listType": "set"},
                "ownerReferences": {"type": "array", "items": {"$ref": "OwnerReference"},
                                    "patchStrategy": "merge", "patchMergeKey": "uid",
                                    "listType": "map", "listMapKeys": ["uid"]},
                "managedFields": {"type": "array", "items": {"$ref": "ManagedFieldsEntry"}}
              }},
              "OwnerReference": {"type": "object", "properties": {
                "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "name": {"type": "string"},
                "uid": {"type": "string"}, "controller": {"type": "boolean"}
              }},
              "ManagedFieldsEntry": {"type": "object", "properties": {
                "manager": {"type": "string"}, "operation": {"type": "string"}, "apiVersion": {"type": "string"},
                "time": {"type": "string"}, "fieldsType": {"type": "string"}, "fieldsV1": {"type": "unknown"},
                "subresource": {"type": "string"}
              }},
              "Pod": {"type": "object", "properties": {
                "apiVersion": {"type": "string"}, "kind": {"type": "string"},
                "metadata": {"$ref": "ObjectMeta"}, "spec": {"$ref": "PodSpec"}, "status": {"$ref": "PodStatus"}
              }},
              "PodSpec": {"type": "object", "properties": {
                "containers": {"type": "array", "items": {"$ref": "Container"},
                               "patchStrategy": "merge", "patchMergeKey": "name"},
                "initContainers": {"type": "array", "items": {"$ref": "Container"},
                                   "patchStrategy": "merge", "patchMergeKey": "name"},
                "volumes": {"type": "array", "items": {"$ref": "Volume"},
                            "patchStrategy": "merge,retainKeys", "patchMergeKey": "name"},
                "imagePullSecrets": {"type": "array", "items": {"$ref": "LocalObjectReference"},
                                     "patchStrategy": "merge", "patchMergeKey": "name"},
                "tolerations": {"type": "array", "items": {"$ref": "Toleration"}},
                "nodeSelector": {"type": "map", "values": {"type": "string"}},
                "restartPolicy": {"type": "string"},
                "serviceAccountName": {"type": "string"},
                "terminationGracePeriodSeconds": {"type": "integer"}
              }},
              "PodStatus": {"type": "object", "properties": {
                "phase": {"type": "string"},
                "conditions": {"type": "array", "items": {"$ref": "PodCondition"},
                               "patchStrategy": "merge", "patchMergeKey": "type"}
              }},
              "PodCondition": {"type": "object", "properties": {
                "type": {"type": "string"}, "status": {"type": "string"}
              }},
              "Toleration": {"type": "object", "properties": {
                "key": {"type": "string"}, "operator": {"type": "string"}, "effect": {"type": "string"}
              }},
              "LocalObjectReference": {"type": "object", "properties": {"name": {"type": "string"}}},
              "Container": {"type": "object", "properties": {
                "name": {"type": "string"},
                "image": {"type": "string"},
                "imagePullPolicy": {"type": "string"},
                "command": {"type": "array", "items": {"type": "string"}},
                "args": {"type": "array", "items": {"type": "string"}},
                "env": {"type": "array", "items": {"$ref": "EnvVar"},
                        "patchStrategy": "merge", "patchMergeKey": "name"},
                "ports": {"type": "array", "items": {"$ref": "ContainerPort"},
                          "patchStrategy": "merge", "patchMergeKey": "containerPort",
                          "listType": "map", "listMapKeys": ["containerPort", "protocol"]},
                "volumeMounts": {"type": "array", "items": {"$ref": "VolumeMount"},
                                 "patchStrategy": "merge", "patchMergeKey": "mountPath"},
                "resources": {"$ref": "ResourceRequirements"}
              }},
              "EnvVar": {"type": "object", "properties": {
                "name": {"type": "string"}, "value": {"type": "string"},
                "valueFrom": {"type": "object", "properties": {
                  "fieldRef": {"type": "object", "properties": {"fieldPath": {"type": "string"}}}
                }}
              }},
              "ContainerPort": {"type": "object", "properties": {
                "name": {"type": "string"}, "containerPort": {"type": "integer"},
                "hostPort": {"type": "integer"}, "protocol": {"type": "string"}
              }},
              "VolumeMount": {"type": "object", "properties": {
                "name": {"type": "string"}, "mountPath": {"type": "string"}, "readOnly": {"type": "boolean"}
              }},
              "ResourceRequirements": {"type": "object", "properties": {
                "limits": {"type": "map", "values": {"type": "string"}},
                "requests": {"type": "map", "values": {"type": "string"}}
              }},
              "Volume": {"type": "object", "properties": {
                "name": {"type": "string"},
                "emptyDir": {"type": "object", "properties": {"medium": {"type": "string"}}},
                "configMap": {"type": "object", "properties": {"name": {"type": "string"}}},
                "secret": {"type": "object", "properties": {"secretName": {"type": "string"}}}
              }},
              "Service": {"type": "object", "properties": {
                "apiVersion": {"type": "string"}, "kind": {"type": "string"},
                "metadata": {"$ref": "ObjectMeta"}, "spec": {"$ref": "ServiceSpec"}
              }},
              "ServiceSpec": {"type": "object", "properties": {
                "type": {"type": "string"},
                "clusterIP": {"type": "string"},
                "selector": {"type": "map", "values": {"type": "string"}, "mapType": "atomic"},
                "ports": {"type": "array", "items": {"$ref": "ServicePort"},
                          "patchStrategy": "merge", "patchMergeKey": "port",
                          "listType": "map", "listMapKeys": ["port", "protocol"]}
              }},
              "ServicePort": {"type": "object", "properties": {
                "name": {"type": "string"}, "port": {"type": "integer"}, "targetPort": {"type": "string"},
                "protocol": {"type": "string"}, "nodePort": {"type": "integer"}
              }},
              "Deployment": {"type": "object", "properties": {
                "apiVersion": {"type": "string"}, "kind": {"type": "string"},
                "metadata": {"$ref": "ObjectMeta"}, "spec": {"$ref": "DeploymentSpec"},
                "status": {"type": "object", "properties": {"replicas": {"type": "integer"}}}
              }},
              "DeploymentSpec": {"type": "object", "properties": {
                "replicas": {"type": "integer"},
                "selector": {"type": "object", "properties": {
                  "matchLabels": {"type": "map", "values": {"type": "string"}}
                }},
                "template": {"$ref": "PodTemplateSpec"},
                "strategy": {"$ref": "DeploymentStrategy", "patchStrategy": "retainKeys"},
                "minReadySeconds": {"type": "integer"},
                "revisionHistoryLimit": {"type": "integer"}
              }},
              "PodTemplateSpec": {"type": "object", "properties": {
                "metadata": {"$ref": "ObjectMeta"}, "spec": {"$ref": "PodSpec"}
              }},
              "DeploymentStrategy": {"type": "object", "properties": {
                "type": {"type": "string"},
                "rollingUpdate": {"type": "object", "properties": {
                  "maxSurge": {"type": "string"}, "maxUnavailable": {"type": "string"}
                }}
              }},
              "MergeItem": {"type": "object", "properties": {
                "name": {"type": "string"},
                "value": {"type": "string"},
                "other": {"type": "string"},
                "mergingList": {"type": "array", "items": {"$ref": "MergeItem"},
                                "patchStrategy": "merge", "patchMergeKey": "name"},
                "nonMergingList": {"type": "array", "items": {"$ref": "MergeItem"}},
                "mergingIntList": {"type": "array", "items": {"type": "integer"}, "patchStrategy": "merge"},
                "nonMergingIntList": {"type": "array", "items": {"type": "integer"}},
                "mergeItemPtr": {"type": "array", "items": {"$ref": "MergeItem"},
                                 "patchStrategy": "merge", "patchMergeKey": "name"},
                "simpleMap": {"type": "map", "values": {"type": "string"}},
                "replacingItem": {"type": "unknown", "patchStrategy": "replace"},
                "retainKeysMap": {"$ref": "RetainKeysMergeItem", "patchStrategy": "retainKeys"},
                "retainKeysMergingList": {"type": "array", "items": {"$ref": "MergeItem"},
                                          "patchStrategy": "merge,retainKeys", "patchMergeKey": "name"}
              }},
              "RetainKeysMergeItem": {"type": "object", "properties": {
                "name": {"type": "string"},
                "value": {"type": "string"},
                "other": {"type": "string"},
                "simpleMap": {"type": "map", "values": {"type": "string"}},
                "mergingIntList": {"type": "array", "items": {"type": "integer"}, "patchStrategy": "merge"},
                "mergingList": {"type": "array", "items": {"$ref": "MergeItem"},
                                "patchStrategy": "merge", "patchMergeKey": "name"},
                "nonMergingList": {"type": "array", "items": {"$ref": "MergeItem"}}
              }}
            }
            """;

    static final FieldSchema POD = DescribedSchema.of(DEFINITIONS, "Pod");
    static final FieldSchema SERVICE = DescribedSchema.of(DEFINITIONS, "Service");
    static final FieldSchema DEPLOYMENT = DescribedSchema.of(DEFINITIONS, "Deployment");
    static final FieldSchema MERGE_ITEM = DescribedSchema.of(DEFINITIONS, "MergeItem");
}
