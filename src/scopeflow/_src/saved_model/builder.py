"""``SavedModelBuilder`` (TF1's ``tf.saved_model.builder``) and ``simple_save``.

The variables are saved with a sharded V2 ``Saver`` to ``variables/variables`` (each save
committed whole, ``checkpoint/commit.py``), asset files are copied to ``assets/``, and ``save``
writes ``saved_model.pb`` last and atomically: a directory holds a SavedModel once that file is
there, never a part of one.

>>> import os, tempfile
>>> import scopeflow as tf
>>> export_dir = file_io.join(tempfile.mkdtemp(), "model")
>>> with tf.Graph().as_default(), tf.Session() as sess:
...     x = tf.placeholder(tf.float32, [None, 2], name="x")
...     w = tf.Variable([[1.0], [2.0]], name="w")
...     sess.run(w.initializer)
...     tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": tf.matmul(x, w)})
>>> sorted(os.listdir(export_dir))
['saved_model.pb', 'variables']
"""

from __future__ import annotations

import os

from scopeflow._src import logging_module as logging
from scopeflow._src import protos
from scopeflow._src.checkpoint.saveables import all_saveable_objects
from scopeflow._src.checkpoint.saver import Saver
from scopeflow._src.checkpoint.saver_def import SaverDef
from scopeflow._src.framework import default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.operation import Operation, Tensor
from scopeflow._src.framework.tensor_proto import proto_to_array
from scopeflow._src.lib_io import file_io
from scopeflow._src.saved_model import constants, file_format
from scopeflow._src.saved_model.signatures import predict_signature_def

_DT_INVALID = 0


def _validate_tensor_info(tensor_info) -> None:
    if tensor_info is None:
        raise AssertionError("All TensorInfo protos used in the SignatureDefs must have the name and dtype fields set.")
    if tensor_info.WhichOneof("encoding") is None:
        raise AssertionError(f"Invalid `tensor_info`: {tensor_info}. All TensorInfo protos used in the SignatureDefs "
                             "must have one of the 'encoding' fields (e.g., name or coo_sparse) set.")
    if tensor_info.dtype == _DT_INVALID:
        raise AssertionError(f"Invalid `tensor_info`: {tensor_info}. All TensorInfo protos used in the SignatureDefs "
                             "must have the dtype field set.")


def _validate_signature_def_map(signature_def_map) -> None:
    for signature_def in signature_def_map.values():
        for info in [*signature_def.inputs.values(), *signature_def.outputs.values()]:
            _validate_tensor_info(info)
    for key, what in ((constants.INIT_OP_SIGNATURE_KEY, "reserved for initialization"),
                      (constants.TRAIN_OP_SIGNATURE_KEY, "reserved for the train op")):
        if key in signature_def_map:
            raise KeyError(f'SignatureDef map key "{key}" is {what}. Please use a different key.')


def _asset_path(path_tensor) -> bytes:
    if not isinstance(path_tensor, Tensor):
        raise TypeError(f"Asset path tensor {path_tensor} must be a Tensor.")
    if path_tensor.op.type != "Const":
        raise TypeError(f"Asset path tensor {path_tensor} must be of type constant.Has type {path_tensor.op.type} "
                        "instead.")
    if path_tensor.dtype.name != "string":
        raise TypeError(f"Asset path tensor {path_tensor}` must be of dtype string.Has type {path_tensor.dtype} "
                        "instead.")
    value = proto_to_array(path_tensor.op.get_attr("value"))
    if value.size != 1:
        raise TypeError(f"Asset path tensor {path_tensor} must be a scalar.")
    return value.reshape(-1)[0]


def _files_equal(a, b) -> bool:
    return file_io.read_file(a) == file_io.read_file(b)


def _asset_filename(path: bytes, taken: dict) -> bytes:
    """The file's base name, or ``<name>_<i>`` when another file of that name and other contents
    is already an asset."""
    name = os.path.basename(path)
    if name not in taken or taken[name] == path or _files_equal(path, taken[name]):
        return name
    i, unique = 1, name
    while unique in taken:
        unique = b"_".join([name, str(i).encode()])
        i += 1
    return unique


class SavedModelBuilder:
    """Builds a SavedModel directory: one ``add_meta_graph_and_variables``, any number of
    ``add_meta_graph``, then ``save`` (TF1's ``tf.saved_model.builder.SavedModelBuilder``)."""

    def __init__(self, export_dir):
        self._export_dir = export_dir = os.fspath(export_dir)
        self._saved_model = file_format.SavedModel()
        if file_io.exists(export_dir):
            if file_io.listdir(export_dir):
                raise AssertionError(f"Export directory {export_dir} already exists, and isn't empty. Please choose "
                                     "a different export directory, or delete all the contents of the specified "
                                     "directory.")
        else:
            file_io.makedirs(export_dir)
        self._has_saved_variables = False
        self._saved_asset_files = set()

    # -- collections: assets, main op, train op -------------------------------------------------
    def _save_and_write_assets(self, assets_collection):
        if assets_collection is None:
            logging.info("No assets to save.")
            return
        filenames = {}
        for tensor in assets_collection:
            source = _asset_path(tensor)
            if not source:
                raise ValueError(f"Asset filepath tensor {tensor} in is invalid.")
            name = _asset_filename(source, filenames)
            asset = protos.AssetFileDef(filename=name.decode())
            asset.tensor_info.name = tensor.name
            packed = protos.Any()
            packed.Pack(asset)
            default_graph.add_to_collection(constants.ASSETS_KEY, packed)
            filenames[name] = source
        logging.info("Assets added to graph.")
        if not filenames:
            logging.info("No assets to write.")
            return
        assets_dir = file_io.join(self._export_dir, constants.ASSETS_DIRECTORY)
        file_io.makedirs(assets_dir)
        for name, source in filenames.items():
            target = file_io.join(assets_dir, name.decode())
            if file_io.exists(source) and os.fsdecode(source) != target and target not in self._saved_asset_files:
                file_io.copy(source, target, overwrite=True)
                self._saved_asset_files.add(target)
        logging.info("Assets written to: %s", assets_dir)

    def _maybe_add_main_op(self, main_op):
        if main_op is None:
            return
        if not isinstance(main_op, Operation):
            raise TypeError(f"Expected {main_op} to be an Operation but got type {type(main_op)} instead.")
        for key in (constants.MAIN_OP_KEY, constants.LEGACY_INIT_OP_KEY):
            if default_graph.get_collection(key):
                raise ValueError(f"Graph already contains one or more main ops under the collection {key}.")
        default_graph.add_to_collection(constants.MAIN_OP_KEY, main_op)

    def _add_collections(self, assets_collection, main_op):
        self._save_and_write_assets(assets_collection)
        self._maybe_add_main_op(main_op)

    # -- meta graphs ------------------------------------------------------------------------------
    @staticmethod
    def _maybe_create_saver(saver=None):
        return saver or Saver(all_saveable_objects(), sharded=True, write_version=SaverDef.V2, allow_empty=True)

    def _tag_and_add_meta_graph(self, meta_graph_def, tags, signature_def_map):
        meta_graph_def.meta_info_def.tags.extend(tags)
        for key, signature_def in signature_def_map.items():
            meta_graph_def.signature_def[key].CopyFrom(signature_def)
        self._saved_model.meta_graphs.append(meta_graph_def)

    def add_meta_graph_and_variables(self, sess, tags, signature_def_map=None, assets_collection=None,
                                     legacy_init_op=None, clear_devices=False, main_op=None,
                                     strip_default_attrs=False, saver=None):
        """Save the session's variables to ``variables/`` and add the graph as the first meta graph,
        tagged ``tags``, with its signatures, assets and main op (run after restoring, at load)."""
        if self._has_saved_variables:
            raise AssertionError("Graph state including variables and assets has already been saved. Please invoke "
                                 "`add_meta_graph()` instead.")
        signature_def_map = signature_def_map or {}
        _validate_signature_def_map(signature_def_map)
        self._add_collections(assets_collection, main_op or legacy_init_op)
        variables_dir = file_io.join(self._export_dir, constants.VARIABLES_DIRECTORY)
        file_io.makedirs(variables_dir)
        saver = self._maybe_create_saver(saver)
        saver.save(sess, file_io.join(variables_dir, constants.VARIABLES_FILENAME), write_meta_graph=False,
                   write_state=False)
        meta_graph_def = saver.export_meta_graph(clear_devices=clear_devices, strip_default_attrs=strip_default_attrs)
        self._tag_and_add_meta_graph(meta_graph_def, tags, signature_def_map)
        self._has_saved_variables = True

    def add_meta_graph(self, tags, signature_def_map=None, assets_collection=None, legacy_init_op=None,
                       clear_devices=False, main_op=None, strip_default_attrs=False, saver=None):
        """Add the current graph as another meta graph (after ``add_meta_graph_and_variables``),
        reading the variables saved then."""
        if not self._has_saved_variables:
            raise AssertionError("Graph state including variables and assets has not been saved yet. Please invoke "
                                 "`add_meta_graph_and_variables()` first.")
        signature_def_map = signature_def_map or {}
        _validate_signature_def_map(signature_def_map)
        self._add_collections(assets_collection, main_op if main_op is not None else legacy_init_op)
        saver = self._maybe_create_saver(saver)
        meta_graph_def = saver.export_meta_graph(clear_devices=clear_devices, strip_default_attrs=strip_default_attrs)
        self._tag_and_add_meta_graph(meta_graph_def, tags, signature_def_map)

    def save(self, as_text=False):
        """Write ``saved_model.pb`` (or ``saved_model.pbtxt``) atomically; return its path (bytes)."""
        if not file_io.exists(self._export_dir):
            file_io.makedirs(self._export_dir)
        if as_text:
            path = file_io.join(self._export_dir, constants.SAVED_MODEL_FILENAME_PBTXT)
            file_io.write_atomically(path, file_format.to_text(self._saved_model).encode())
        else:
            path = file_io.join(self._export_dir, constants.SAVED_MODEL_FILENAME_PB)
            file_io.write_atomically(path, file_format.serialize(self._saved_model))
        logging.info("SavedModel written to: %s", path)
        return os.fsencode(path)


def simple_save(session, export_dir, inputs, outputs, legacy_init_op=None) -> None:
    """Save ``session``'s graph and variables for serving: tag ``serve``, one predict signature
    ``serving_default`` of ``inputs`` and ``outputs`` (dicts of tensors), devices cleared."""
    signature_def_map = {constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY: predict_signature_def(inputs, outputs)}
    builder = SavedModelBuilder(export_dir)
    builder.add_meta_graph_and_variables(session, tags=[constants.SERVING], signature_def_map=signature_def_map,
                                         assets_collection=default_graph.get_collection(GraphKeys.ASSET_FILEPATHS),
                                         main_op=legacy_init_op, clear_devices=True)
    builder.save()
