"""Click in Vietnamese: its own strings (usage, help, errors) and the metavars of every command.

Click marks its messages for gettext (``from gettext import gettext as _`` in each module) but
ships no translations. ``install`` puts a lookup in the Vietnamese table below in their place,
and ``localize`` gives every parameter of a command tree a Vietnamese metavar, so that
``vanban … --help`` and click's own errors (exit code 2) speak the clerks' language. A message
missing here would show in English: tests/test_cli_vietnamese.py runs every help text and the
usual mistakes through an English-word check.
"""

from __future__ import annotations

import re

import click

VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Show the version and exit.": "In số phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "deprecated": "không còn dùng",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu lệnh.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để biết cách dùng.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "argument": "tham số",
    "option": "tùy chọn",
    "parameter": "tham số",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "integer": "số nguyên",
    "float": "số thực",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} không phải giá trị đúng/sai. Các giá trị nhận: {states}"
    ),
    # click passes {name} title-cased ("Đường Dẫn"): the messages say what is wrong without it.
    "{name} {filename!r} does not exist.": "{filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, cần một thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, cần một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {filename!r}: không có quyền đọc.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {filename!r}: không có quyền ghi.",
    "{name} {filename!r} is not executable.": "Không chạy được {filename!r}: không có quyền chạy.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "integer range": "số nguyên",
    "float range": "số",
    "text": "chuỗi",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
}

# Metavars by parameter type, and for the commands' own English argument names.
TYPE_METAVARS = {
    click.types.StringParamType: "CHUỖI",
    click.types.IntParamType: "SỐ",
    click.types.IntRange: "SỐ",
    click.types.FloatParamType: "SỐ",
}
NAMES = {
    "INPUT.json": "TỆP.json",
    "INPUT...": "ĐẦU_VÀO...",
    "FILE.docx": "TỆP.docx",
    "FILE.pdf": "TỆP.pdf",
    "FILE.docx|FILE.pdf": "TỆP.docx|TỆP.pdf",
    "DRAFT.json": "BẢN_NHÁP.json",
    "OUTDIR": "THƯ_MỤC",
    "FILE": "TỆP",
}


def gettext(message: str) -> str:
    """Return click's ``message`` in Vietnamese (unchanged when the table lacks it)."""
    return VI.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the Vietnamese singular or plural form of one of click's messages."""
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Put the Vietnamese lookups in place of gettext in click's modules (once per process)."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
        click.termui,
        click.utils,
    ):
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def localize(command: click.Command) -> None:
    """Give ``command`` and its subcommands Vietnamese metavars and usage words."""
    command.options_metavar = "[TÙY_CHỌN]"
    for old, new in NAMES.items():  # the help text names the arguments as the usage line does
        command.help = re.sub(rf"(?<![\w.]){re.escape(old)}(?!\w)", new, command.help or "")
    if isinstance(command, click.Group):
        command.subcommand_metavar = "LỆNH [THAM_SỐ]..."
        for sub in command.commands.values():
            localize(sub)
    for param in command.params:
        # Type names were set when the command was declared, before install().
        param.type.name = gettext(param.type.name)
        if isinstance(param, click.Option) and param.help:
            param.help = gettext(param.help)  # --version's help was set before install()
        if param.metavar in NAMES:
            param.metavar = NAMES[param.metavar]
        elif param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = _type_metavar(param)


def _type_metavar(param: click.Parameter) -> str | None:
    """Return the Vietnamese metavar for ``param``'s type (None: click's own, e.g. a choice)."""
    kind = param.type
    if isinstance(kind, click.Path):
        return "THƯ_MỤC" if kind.dir_okay and not kind.file_okay else "TỆP"
    return TYPE_METAVARS.get(type(kind))
