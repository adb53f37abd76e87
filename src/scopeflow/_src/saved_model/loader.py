"""Loading a TF1 SavedModel into a session (``tf.saved_model.loader.load``): the meta graph of
the given tags is imported, its variables restored from ``variables/variables`` and its main op
run with the asset paths fed, as TF's loader does.

>>> import scopeflow as tf
>>> tf.saved_model.contains_saved_model("/no/such/dir")
False
"""

from __future__ import annotations

import os

from google.protobuf import text_format
from google.protobuf.message import DecodeError

from scopeflow._src import logging_module as logging
from scopeflow._src import protos
from scopeflow._src.checkpoint.meta_graph_import import _import_meta_graph_with_return_elements
from scopeflow._src.checkpoint.saveables import all_saveable_objects
from scopeflow._src.checkpoint.saver import Saver
from scopeflow._src.framework import default_graph
from scopeflow._src.lib_io import file_io
from scopeflow._src.saved_model import constants, file_format
from scopeflow._src.saved_model.signatures import load_op_from_signature_def


def _path(export_dir, name) -> str:
    return file_io.join(os.fsdecode(os.fspath(export_dir)), name)


def parse_saved_model(export_dir) -> file_format.SavedModel:
    """The ``SavedModel`` in ``export_dir`` (``saved_model.pb``, else ``saved_model.pbtxt``);
    ``OSError`` when there is none or it cannot be parsed."""
    path_pb = _path(export_dir, constants.SAVED_MODEL_FILENAME_PB)
    path_pbtxt = _path(export_dir, constants.SAVED_MODEL_FILENAME_PBTXT)
    if file_io.exists(path_pb):
        try:
            return file_format.parse(file_io.read_file(path_pb))
        except DecodeError as e:
            raise OSError(f"Cannot parse file {os.fsencode(path_pb)}: {e}.") from e
    if file_io.exists(path_pbtxt):
        try:
            return file_format.parse_text(file_io.read_file(path_pbtxt).decode("utf-8"))
        except text_format.ParseError as e:
            raise OSError(f"Cannot parse file {os.fsencode(path_pbtxt)}: {e}.") from e
    raise OSError(f"SavedModel file does not exist at: {os.fsdecode(os.fspath(export_dir))}{os.path.sep}"
                  f"{{{constants.SAVED_MODEL_FILENAME_PBTXT}|{constants.SAVED_MODEL_FILENAME_PB}}}")


def maybe_saved_model_directory(export_dir) -> bool:
    """Whether ``export_dir`` holds a ``saved_model.pb`` or ``saved_model.pbtxt``."""
    return any(file_io.exists(_path(export_dir, name))
               for name in (constants.SAVED_MODEL_FILENAME_PBTXT, constants.SAVED_MODEL_FILENAME_PB,
                            "saved_model.cpb"))


contains_saved_model = maybe_saved_model_directory


def get_asset_tensors(export_dir, meta_graph_def, import_scope=None) -> dict:
    """Asset tensor name -> path of the file in ``export_dir/assets`` (bytes), to feed the main op."""
    asset_protos = list(meta_graph_def.asset_file_def)
    if not asset_protos and constants.ASSETS_KEY in meta_graph_def.collection_def:
        for packed in meta_graph_def.collection_def[constants.ASSETS_KEY].any_list.value:
            asset = protos.AssetFileDef()
            packed.Unpack(asset)
            asset_protos.append(asset)
    assets_dir = _path(export_dir, constants.ASSETS_DIRECTORY)
    found = {}
    for asset in asset_protos:
        name = asset.tensor_info.name
        found[f"{import_scope}/{name}" if import_scope else name] = os.fsencode(file_io.join(assets_dir,
                                                                                             asset.filename))
    return found


def _op_from_collection(meta_graph_def, key):
    if key not in meta_graph_def.collection_def:
        return None
    names = meta_graph_def.collection_def[key].node_list.value
    if len(names) != 1:
        raise RuntimeError(f"Expected exactly one SavedModel init op. Found {len(names)}: {names}.")
    return default_graph.get_collection(key)[0]


def get_init_op(meta_graph_def, import_scope=None):
    """The op to run after restoring: the ``__saved_model_init_op`` signature's, else the main op
    collection's, else the legacy init op collection's."""
    if constants.INIT_OP_SIGNATURE_KEY in meta_graph_def.signature_def:
        return load_op_from_signature_def(meta_graph_def.signature_def[constants.INIT_OP_SIGNATURE_KEY],
                                          constants.INIT_OP_SIGNATURE_KEY, import_scope)
    return (_op_from_collection(meta_graph_def, constants.MAIN_OP_KEY)
            or _op_from_collection(meta_graph_def, constants.LEGACY_INIT_OP_KEY))


class SavedModelLoader:
    """Reads a SavedModel once and loads its meta graphs into sessions (TF's loader steps:
    ``load_graph``, ``restore_variables``, ``run_init_ops``)."""

    def __init__(self, export_dir):
        self._export_dir = export_dir
        self._variables_path = file_io.join(_path(export_dir, constants.VARIABLES_DIRECTORY),
                                            constants.VARIABLES_FILENAME)
        self._saved_model = parse_saved_model(export_dir)

    @property
    def export_dir(self):
        return self._export_dir

    @property
    def variables_path(self):
        return self._variables_path

    @property
    def saved_model(self):
        return self._saved_model

    def get_meta_graph_def_from_tags(self, tags):
        """The meta graph whose tag set is ``set(tags)``; ``RuntimeError`` naming the tag sets there."""
        available = []
        for meta_graph_def in self._saved_model.meta_graphs:
            available.append(set(meta_graph_def.meta_info_def.tags))
            if set(meta_graph_def.meta_info_def.tags) == set(tags):
                return meta_graph_def
        raise RuntimeError(f"MetaGraphDef associated with tags {str(tags).strip('[]')} could not be found in "
                           f"SavedModel, with available tags '{available}'. To inspect available tag-sets in the "
                           "SavedModel, please use the SavedModel CLI: `saved_model_cli`.")

    def load_graph(self, graph, tags, import_scope=None, **saver_kwargs):
        """Import the meta graph of ``tags`` into ``graph``: ``(saver, imported return elements)``."""
        meta_graph_def = self.get_meta_graph_def_from_tags(tags)
        with graph.as_default():
            return _import_meta_graph_with_return_elements(meta_graph_def, import_scope=import_scope, **saver_kwargs)

    def restore_variables(self, sess, saver, import_scope=None):
        """Restore the variables from ``variables/variables`` with ``saver``."""
        with sess.graph.as_default():
            if saver is None and not all_saveable_objects(scope=import_scope):
                logging.info("The specified SavedModel has no variables; no checkpoints were restored.")
            elif isinstance(saver, Saver):
                saver.restore(sess, self._variables_path)
            else:
                raise ValueError("No tf.train.Saver object was passed to the function "
                                 "`SavedModelLoader.restore_variables`. Since there are variables in the graph, a "
                                 "saver is required.")

    def run_init_ops(self, sess, tags, import_scope=None):
        """Run the init (main) op, with each asset tensor fed its file's path in ``assets/``."""
        meta_graph_def = self.get_meta_graph_def_from_tags(tags)
        with sess.graph.as_default():
            assets = get_asset_tensors(self._export_dir, meta_graph_def, import_scope=import_scope)
            init_op = get_init_op(meta_graph_def, import_scope)
            if init_op is not None:
                sess.run(fetches=[init_op], feed_dict=assets)

    def load(self, sess, tags, import_scope=None, **saver_kwargs):
        """Load the meta graph of ``tags`` into ``sess``: graph, variables, init op; return it."""
        with sess.graph.as_default():
            saver, _ = self.load_graph(sess.graph, tags, import_scope, **saver_kwargs)
            self.restore_variables(sess, saver, import_scope)
            self.run_init_ops(sess, tags, import_scope)
        return self.get_meta_graph_def_from_tags(tags)


def load(sess, tags, export_dir, import_scope=None, **saver_kwargs):
    """Load the SavedModel in ``export_dir`` (the meta graph tagged ``tags``) into ``sess`` and
    return its ``MetaGraphDef`` (``signature_def`` names the inputs and outputs).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default(), tf.Session() as sess:  # doctest: +SKIP
    ...     meta = tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING], export_dir)
    """
    return SavedModelLoader(export_dir).load(sess, tags, import_scope, **saver_kwargs)
