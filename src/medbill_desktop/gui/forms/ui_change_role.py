# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'change_role.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ChangeRoleDialog(object):
    def setupUi(self, ChangeRoleDialog):
        if not ChangeRoleDialog.objectName():
            ChangeRoleDialog.setObjectName(u"ChangeRoleDialog")
        ChangeRoleDialog.resize(440, 210)
        self.mainLayout = QVBoxLayout(ChangeRoleDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.infoLabel = QLabel(ChangeRoleDialog)
        self.infoLabel.setObjectName(u"infoLabel")
        self.infoLabel.setText(u"")
        self.infoLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.infoLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.roleLabel = QLabel(ChangeRoleDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(ChangeRoleDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.roleHintLabel = QLabel(ChangeRoleDialog)
        self.roleHintLabel.setObjectName(u"roleHintLabel")
        self.roleHintLabel.setText(u"")
        self.roleHintLabel.setWordWrap(True)
        self.roleHintLabel.setProperty(u"role", u"hint")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleHintLabel)


        self.mainLayout.addLayout(self.form)

        self.errorLabel = QLabel(ChangeRoleDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(ChangeRoleDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.roleLabel.setBuddy(self.roleCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ChangeRoleDialog)

        QMetaObject.connectSlotsByName(ChangeRoleDialog)
    # setupUi

    def retranslateUi(self, ChangeRoleDialog):
        ChangeRoleDialog.setWindowTitle(QCoreApplication.translate("ChangeRoleDialog", u"Change role", None))
        self.roleLabel.setText(QCoreApplication.translate("ChangeRoleDialog", u"New &role", None))
        self.errorLabel.setText("")
    # retranslateUi

